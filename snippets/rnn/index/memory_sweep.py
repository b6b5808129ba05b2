"""Where an RNN's memory ends: a cue recalled over longer distances, at two budgets (docs/rnn/index.md)."""

# Run alone or imported; on the page, experiment.py and order.py already ran.
from experiment import CHANCE
from order import Recaller, accuracy, fit, recall_data

# --8<-- [start:gradient-ratio]
import torch
from torch import nn


def gradient_ratio(model: nn.Module, x, y) -> float:
    """The loss's gradient at the cue's input (step 1),
    relative to the last input's."""
    x = x.clone().requires_grad_(True)
    nn.functional.cross_entropy(model(x), y).backward()
    model.zero_grad()
    return (x.grad[:, 0].norm() / x.grad[:, -1].norm()).item()


def recall(distance: int, epochs: int):
    """Test accuracy after training, the gradient ratio
    before it, and the CPU seconds training took."""
    (x_train, y_train), (x_test, y_test) = recall_data(distance)
    torch.manual_seed(0)
    model = Recaller()
    ratio = gradient_ratio(model, x_test, y_test)
    seconds = fit(model, x_train, y_train, epochs)
    return accuracy(model, x_test, y_test), ratio, seconds
# --8<-- [end:gradient-ratio]


# --8<-- [start:sweep]
from itertools import pairwise

from IPython.display import Markdown, display

torch.set_num_threads(1)
BUDGETS = {8: [1, 4, 9, 19], 40: [9, 19]}  # epochs: distances
sweep = {
    (epochs, d): recall(d, epochs)
    for epochs, distances in BUDGETS.items()
    for d in distances
}
DISTANCES = BUDGETS[8]
SHORT, LONG = BUDGETS
ratios = {d: f"{sweep[SHORT, d][1]:.1e}" for d in DISTANCES}
acc = {key: f"{a:.2f}" for key, (a, _, _) in sweep.items()}  # as shown

gradients = [
    "| Cue to question | Gradient at the cue ÷ at the last step |",
    "|---:|---:|",
]
rows = [
    f"| Cue to question | Accuracy, {SHORT} epochs "
    f"| Accuracy, {LONG} epochs |",
    "|---:|---:|---:|",
]
for d in DISTANCES:
    long = acc.get((LONG, d), "not run")
    steps = f"{d} step{'s' if d > 1 else ''}"
    gradients.append(f"| {steps} | {ratios[d]} |")
    rows.append(f"| {steps} | {acc[SHORT, d]} | {long} |")
display(Markdown("\n".join(gradients)))
print("\nBefore training. After it:\n")
display(Markdown("\n".join(rows)))


def at_chance(shown: str) -> bool:
    return abs(float(shown) - CHANCE) <= 0.10


near, far = DISTANCES[0], DISTANCES[-1]
short = [float(acc[SHORT, d]) for d in DISTANCES]
falling = all(b < a for a, b in pairwise(short))
steady = "falls with every longer distance" if falling else "does not fall steadily"
said = [
    f"After {SHORT} epochs, accuracy {steady}: {acc[SHORT, near]} with the cue "
    f"{near} step back, {acc[SHORT, far]} with it {far} steps back"
    f"{', which is chance' if at_chance(acc[SHORT, far]) else ''} ({CHANCE:.2f})."
]
remembered = [d for d in DISTANCES if not at_chance(acc[SHORT, d])]
lost = [d for d in DISTANCES if at_chance(acc[SHORT, d])]
if remembered and lost and max(remembered) < min(lost):
    said.append(
        f"At this budget the memory ends somewhere between "
        f"{max(remembered)} and {min(lost)} steps."
    )
for d in BUDGETS[LONG]:
    before, after = acc[SHORT, d], acc[LONG, d]
    if at_chance(before) and not at_chance(after):
        said.append(
            f"With {LONG} epochs, {d} steps back rises from {before} to "
            f"{after}: there, {SHORT} epochs were the limit, not the cell."
        )
    elif at_chance(before) and at_chance(after):
        said.append(
            f"{d} steps back stays at chance with {LONG} epochs too "
            f"({after}) on this task, where the gradient reaching "
            f"the cue was {ratios[d]} of the last step's."
        )
print("\n" + " ".join(said))
# --8<-- [end:sweep]


# --8<-- [start:sweep-plot]
import matplotlib.pyplot as plt

fig, (acc_ax, grad_ax) = plt.subplots(
    2, 1, figsize=(3.6, 4.4), sharex=True, layout="constrained"
)
for epochs, style in zip(BUDGETS, ["-o", "--s"], strict=True):
    ds = BUDGETS[epochs]
    acc_ax.plot(ds, [sweep[epochs, d][0] for d in ds], style,
                label=f"{epochs} epochs")
acc_ax.axhline(CHANCE, color="k", linewidth=2, linestyle=":",
               label="chance")
acc_ax.set(title="test accuracy", ylim=(0, 1))
acc_ax.legend(frameon=False, fontsize=9)
grad_ax.semilogy(DISTANCES, [sweep[SHORT, d][1] for d in DISTANCES], "-o")
grad_ax.set(title="gradient at the cue ÷ at the last step",
            xlabel="steps from cue to question", xticks=DISTANCES)
fig.set_label(
    f"As the cue moves from {near} to {far} steps back, test accuracy "
    f"after {SHORT} epochs falls from {acc[SHORT, near]} to "
    f"{acc[SHORT, far]}, and the gradient reaching the cue from "
    f"{ratios[near]} to {ratios[far]} of the last step's."
)
plt.show()
print(f"*{fig.get_label()}*")
# --8<-- [end:sweep-plot]
