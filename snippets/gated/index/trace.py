"""The trained GRU's prediction trace: its update gate step by step, by hand (docs/gated/index.md)."""

if "runs" not in globals():  # alone; on the page, cells.py and sweep.py already ran
    from cells import gru_step
    from sweep import TRACE, runs
    from task import CLASSES, LEAD, make_task

# --8<-- [start:prediction-trace]
import torch
from IPython.display import Markdown, display

model = runs["GRU", TRACE][3]  # trained at distance TRACE
x_one, y_one = make_task(
    1, TRACE, torch.Generator().manual_seed(1))
h = torch.zeros(1, model.cell.hidden_size)
rows = ["step value mean_z guess"]
means, states = [], []
with torch.no_grad():
    for t in range(x_one.shape[1]):
        step = x_one[:, t]
        h, z = gru_step(model.cell, step, h)
        states.append(h)
        means.append(f"{z.mean().item():.2f}")
        guess = model.head(h).argmax().item()
        value = step[0, :CLASSES].argmax().item()
        mark = "*" if step[0, CLASSES] else " "
        rows.append(f"{t + 1:>4} {value:>4}{mark} "
                    f"{means[-1]:>6} {guess:>5}")
    output, _ = model.cell(x_one)
gap = (torch.stack(states, 1) - output).abs().max()
display(Markdown(
    "```text\n" + "\n".join(rows) + "\n```\n\n"
    "(* the marked step)\n"))
after = [float(m) for m in means[LEAD + 1:]]
higher = min(after) > float(means[LEAD])
display(Markdown(
    f"The cue, **{y_one.item()}**, is at step {LEAD + 1}; "
    f"the answer is **{guess}**. Mean z at the cue: "
    f"{means[LEAD]}; after it, between {min(after):.2f} "
    f"and {max(after):.2f}"
    + (", higher: it keeps more after the cue" if higher
       else "") + ". By hand against `nn.GRU`: "
    f"{gap.item():.1e} apart."
))
# --8<-- [end:prediction-trace]
