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
others = [float(m) for t, m in enumerate(means)
          if t != LEAD]
lowest = float(means[LEAD]) < min(others)
values = x_one[0, :, :CLASSES].argmax(-1).tolist()
by_value = {}  # mean z of the unmarked steps, per value
for t, v in enumerate(values):
    if t != LEAD:
        by_value.setdefault(v, []).append(float(means[t]))
spans = "; ".join(
    f"value {v}: {min(zs):.2f} to {max(zs):.2f}"
    for v, zs in sorted(by_value.items()))
display(Markdown(
    f"The cue, **{y_one.item()}**, is at step {LEAD + 1}; "
    f"the answer is **{guess}**. Mean z at the cue: "
    f"{means[LEAD]}"
    + (", the lowest in this sequence: there the state "
       "lets in the most of the new input "
       f"(1 − z = {1 - float(means[LEAD]):.2f} on average)"
       if lowest else "")
    + f". At the other steps it is between {min(others):.2f}"
    f" and {max(others):.2f}; by the step's own value, "
    f"{spans} (on this one sequence). The head "
    "was trained on the last step's state only, so its "
    "guesses before the end are not answers it learned. "
    f"By hand against `nn.GRU`: {gap.item():.1e} apart."
))
# --8<-- [end:prediction-trace]
