"""The sweep over distances, the training trace, the plot and the Key insight (docs/gated/index.md)."""

if "train" not in globals():  # alone or imported; on the page, task.py already ran
    from task import CHANCE, DISTANCES, EPOCHS, SIZES, train

# --8<-- [start:sweep]
import torch
from IPython.display import Markdown, display

torch.set_num_threads(1)
runs = {
    (cell, d): train(cell, d)
    for d in DISTANCES for cell in SIZES
}
shown = {  # as the tables round them
    key: (f"{h[-1]:.2f}", f"{g:.1e}")
    for key, (h, g, _, _) in runs.items()
}
for cell in SIZES:  # one table per cell: fits a phone
    rows = ["| Steps | Accuracy | Gradient |",
            "|---:|---:|---:|"]
    for d in DISTANCES:
        acc, grad = shown[cell, d]
        rows.append(f"| {d} | {acc} | {grad} |")
    display(Markdown(
        f"**{cell}**\n\n" + "\n".join(rows) + "\n"))


def at_chance(value: str) -> bool:
    return abs(float(value) - CHANCE) <= 0.10


def verdict(d: int) -> str:
    """One distance's row, read off the rounded values."""
    acc = {c: float(shown[c, d][0]) for c in SIZES}
    if all(at_chance(shown[c, d][0]) for c in SIZES):
        return "every cell is at chance, gates included"
    beat = [c for c in ("GRU", "LSTM")
            if acc[c] - acc["RNN"] >= 0.10]
    lost = [c for c in ("GRU", "LSTM")
            if at_chance(shown[c, d][0])]
    said = []
    if beat:
        gain = max(acc[c] for c in beat) - acc["RNN"]
        verb = "beats" if len(beat) == 1 else "beat"
        said.append(f"{' and '.join(beat)} {verb} the "
                    f"RNN by up to {gain:.2f}")
    if lost:
        verb = "is" if len(lost) == 1 else "are"
        said.append(f"{' and '.join(lost)} {verb} at chance")
    return ", ".join(said) or (
        "no gated cell beats the RNN by 0.10")


said = [f"At {d} steps, {verdict(d)}." for d in DISTANCES]
display(Markdown(
    " ".join(said)
    + f" (Chance is {CHANCE:.2f}; one seed, {EPOCHS} "
    "epochs, on this task.)"
))

def spread(d: int) -> float:
    finals = [float(shown[c, d][0]) for c in SIZES]
    return max(finals) - min(finals)


TRACE = max(DISTANCES, key=spread)  # the cells differ most
# --8<-- [end:sweep]


# --8<-- [start:sweep-plot]
import matplotlib.pyplot as plt

fig, (acc_ax, grad_ax) = plt.subplots(
    2, 1, figsize=(3.6, 4.6), sharex=True,
    layout="constrained")
styles = {"RNN": "-o", "GRU": "--s", "LSTM": "-.^"}
for cell in SIZES:
    acc_ax.plot(
        DISTANCES, [runs[cell, d][0][-1] for d in DISTANCES],
        styles[cell], label=cell)
    grad_ax.semilogy(
        DISTANCES, [runs[cell, d][1] for d in DISTANCES],
        styles[cell], label=cell)
acc_ax.axhline(CHANCE, color="k", linewidth=2,
               linestyle=":", zorder=5, label="chance")
acc_ax.set(title="test accuracy", ylim=(0, 1.05))
acc_ax.legend(frameon=False, fontsize=9)
grad_ax.set(title="gradient at the cue ÷ at the end",
            xlabel="steps from cue to answer",
            xticks=DISTANCES)
far = DISTANCES[-1]
fig.set_label(
    f"Test accuracy and gradient at the cue by distance. At "
    f"{TRACE} steps: " + ", ".join(
        f"{c} {shown[c, TRACE][0]}" for c in SIZES)
    + f"; at {far} steps: " + ", ".join(
        f"{c} {shown[c, far][0]}" for c in SIZES)
    + f" (chance {CHANCE:.2f})."
)
plt.show()
display(Markdown(f"*{fig.get_label()}*"))
# --8<-- [end:sweep-plot]


# --8<-- [start:trace-table]
traces = {c: runs[c, TRACE][0] for c in SIZES}


def first_above(epoch: int, rows: list[list[str]]) -> str:
    """The cells whose accuracy passes 0.90 in this row."""
    now = rows[epoch - 1]
    before = rows[:epoch - 1]
    first = [c for i, c in enumerate(SIZES)
             if float(now[i]) > 0.90
             and all(float(r[i]) <= 0.90 for r in before)]
    return ", ".join(first)


table = [[f"{traces[c][e]:.2f}" for c in SIZES]
         for e in range(len(traces["RNN"]))]
lines = ["epoch " + "".join(f"{c:>6}" for c in SIZES)
         + "  past 0.90"]
for epoch, row in enumerate(table, start=1):
    note = first_above(epoch, table)
    lines.append(f"{epoch:>5} " + "".join(
        f"{v:>6}" for v in row) + f"  {note}".rstrip())
display(Markdown(
    f"Test accuracy per epoch, distance {TRACE}:\n\n"
    "```text\n" + "\n".join(lines) + "\n```"
))
# --8<-- [end:trace-table]


# --8<-- [start:key-insight]
wider = all(
    float(shown[g, d][1]) > float(shown["RNN", d][1])
    for g in ("GRU", "LSTM") for d in DISTANCES)


def gain(g: str, d: int) -> float:
    return float(shown[g, d][0]) - float(shown["RNN", d][0])


helped = {  # per distance: the gated cells 0.10 above the RNN
    d: [g for g in ("GRU", "LSTM") if gain(g, d) >= 0.10]
    for d in DISTANCES}
helped = {d: cells for d, cells in helped.items() if cells}
failed = [d for d in DISTANCES
          if all(at_chance(shown[c, d][0]) for c in SIZES)]
plain = lambda d: ", ".join(  # noqa: E731
    f"{c} {shown[c, d][0]}" for c in SIZES)
bold = lambda d: ", ".join(  # noqa: E731
    f"{c} **{shown[c, d][0]}**" for c in SIZES)


def result(d: int) -> str:
    """Which gated cells beat the RNN at d, which fell behind."""
    who = ("both" if len(helped[d]) == 2
           else f"only the {helped[d][0]}")
    said = f"{who} at {d} steps ({plain(d)})"
    for g in ("GRU", "LSTM"):
        if gain(g, d) <= -0.10:
            said += (f", where the {g} did worse than the RNN"
                     + (", at chance" if at_chance(
                         shown[g, d][0]) else ""))
    return said


text = (
    "A gate near 1 (the GRU's update gate z; the LSTM's "
    "forget gate f, with its input gate i near 0) carries "
    "the state (in the LSTM, the cell state c) to the next "
    "step without squashing it again, and the gradient "
    "back: "
    + ("at every distance here, more gradient reached the cue "
       "in the GRU and the LSTM than in the RNN. "
       if wider else "")
    + ("On this task, at this budget, a gated cell beat the RNN "
       "by 0.10 or more: "
       + "; ".join(map(result, helped)) + "."
       if helped else "On this task, at this budget, no "
       "gated cell beat the RNN by 0.10.")
    + ("" if not failed else
       " It is not a cure: at "
       + " and ".join(map(str, failed)) + " steps every cell, "
       + f"gated or not, was at chance ({bold(failed[-1])}; "
       + f"chance {CHANCE:.2f}).")
)
display(Markdown(
    '!!! tip "Key insight"\n\n    ' + text))
# --8<-- [end:key-insight]
