"""Model quiz: which expression averages a per-step loss over the real steps only (docs/packing/index.md)."""

# --8<-- [start:question]
import torch

torch.manual_seed(0)
lengths = torch.tensor([6, 2, 4])
# a loss at every padded position:
per_step = torch.rand(3, 6)
steps = torch.arange(6)
mask = steps < lengths[:, None]
# --8<-- [end:question]

real_steps = torch.cat([per_step[i, :n] for i, n in enumerate(lengths)])
print(f"Over the {len(real_steps)} real steps, the mean loss is "
      f"**{real_steps.mean():.3f}**:\n")
candidates = ["per_step.mean()", "(per_step * mask).mean()",
              "per_step.sum() / mask.sum()", "per_step[mask].mean()"]
matches = []
for expression in candidates:
    value = eval(expression)
    equal = torch.allclose(value, real_steps.mean())
    print(f"- `{expression}` = {value:.3f}: **{equal}**")
    if equal:
        matches.append(expression)
(answer,) = matches
