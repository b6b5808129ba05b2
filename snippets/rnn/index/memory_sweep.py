"""Where an RNN's memory ends: a cue recalled over longer and longer distances; the Key insight (docs/rnn/index.md)."""

if __name__ == "__main__":  # alone; on the page, experiment.py already ran in this session
    from experiment import CHANCE, CLASSES, FEATURES, HIDDEN, histories, parameters

# --8<-- [start:recall-task]
import time

import torch
from torch import nn

DISTANCES = [1, 4, 9, 19]  # steps between the cue and the question


def make_recall(n: int, distance: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Step 1 announces a class (largest of features 0-2); it is asked for `distance` steps later."""
    x = torch.randn(n, distance + 1, FEATURES, generator=generator)
    return x, x[:, 0, :CLASSES].argmax(dim=-1)


class Recaller(nn.Module):
    """The lesson's RNN, answering once, at the last step."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.RNN(FEATURES, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, -1])


def gradient_ratio(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """How much of the loss's gradient reaches the cue's input, relative to the last input's."""
    x = x.clone().requires_grad_(True)
    nn.functional.cross_entropy(model(x), y).backward()
    model.zero_grad()
    return (x.grad[:, 0].norm() / x.grad[:, -1].norm()).item()


def recall(distance: int, epochs: int = 8) -> tuple[float, float, float]:
    """Test accuracy after training, gradient ratio before it, and the CPU seconds training took."""
    data = torch.Generator().manual_seed(0)
    (x_train, y_train), (x_test, y_test) = (make_recall(n, distance, data) for n in (1000, 500))
    torch.manual_seed(0)
    model = Recaller()
    ratio = gradient_ratio(model, x_test, y_test)  # the signal training starts from
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    cpu_start = time.thread_time()
    for _ in range(epochs):
        for batch in torch.randperm(len(x_train)).split(50):
            loss = nn.functional.cross_entropy(model(x_train[batch]), y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(dim=-1) == y_test).float().mean().item()
    return accuracy, ratio, time.thread_time() - cpu_start
# --8<-- [end:recall-task]


# --8<-- [start:sweep]
import math

torch.set_num_threads(1)
sweep = {distance: recall(distance) for distance in DISTANCES}
shown = {d: (f"{acc:.2f}", f"{ratio:.1e}") for d, (acc, ratio, _) in sweep.items()}  # as the table rounds
print("| Cue to question | Test accuracy | Gradient at the cue ÷ at the last step |")
print("|---:|---:|---:|")
for distance, (accuracy, ratio) in shown.items():
    print(f"| {distance} step{'s' if distance > 1 else ''} | {accuracy} | {ratio} |")

(near, (near_acc, near_ratio)), *_, (far, (far_acc, far_ratio)) = shown.items()
at_chance = [d for d, (acc, _) in shown.items() if abs(float(acc) - CHANCE) <= 0.10]
remembered = [d for d, (acc, _) in shown.items() if float(acc) - CHANCE > 0.10]
accuracies = [float(acc) for acc, _ in shown.values()]
falling = accuracies == sorted(accuracies, reverse=True)
steady = "falls with every longer distance" if falling else "does not fall steadily"
trend = [
    f"Accuracy {steady}: {near_acc} with the cue {near} step back, {far_acc} with it {far} steps back"
    f"{', which is chance' if far in at_chance else ''} ({CHANCE:.2f}).",
    f"The gradient reaching the cue's step shrinks from {near_ratio} to {far_ratio} of the last step's,"
    f" more than {10 ** math.floor(math.log10(float(near_ratio) / float(far_ratio))):,} times smaller.",
]
if remembered and at_chance and max(remembered) < min(at_chance):
    trend.append(f"Somewhere between {max(remembered)} and {min(at_chance)} steps, this RNN's memory ends.")
print("\n" + " ".join(trend))
# --8<-- [end:sweep]


# --8<-- [start:sweep-plot]
import matplotlib.pyplot as plt

fig, (acc_ax, grad_ax) = plt.subplots(2, 1, figsize=(3.6, 4.4), sharex=True, layout="constrained")
acc_ax.plot(DISTANCES, [acc for acc, _, _ in sweep.values()], "-o", label="RNN")
acc_ax.axhline(CHANCE, color="k", linewidth=2, linestyle=":", label="chance")
acc_ax.set(title="test accuracy", ylim=(0, 1))
acc_ax.legend(frameon=False)
grad_ax.semilogy(DISTANCES, [ratio for _, ratio, _ in sweep.values()], "-o")
grad_ax.set(title="gradient at the cue ÷ at the last step", xlabel="steps from cue to question", xticks=DISTANCES)
fig.set_label(
    f"As the cue moves from {near} to {far} steps back, the RNN's test accuracy falls from {near_acc} "
    f"to {far_acc} and the gradient reaching the cue from {near_ratio} to {far_ratio} of the last step's."
)
plt.show()
print(f"*{fig.get_label()}*")
# --8<-- [end:sweep-plot]


# --8<-- [start:key-insight]
rnn_final = histories["RNN"][-1][1]
flat_finals = sorted({f"{history[-1][1]:.2f}" for name, history in histories.items() if name != "RNN"})
flat_counts = " or ".join(str(parameters[name]) for name in histories if name != "RNN")
far = max(shown)
far_accuracy, far_ratio = shown[far]
back_at = "back at chance" if abs(float(far_accuracy) - CHANCE) <= 0.10 else "above chance"
print('!!! tip "Key insight"\n')
print(
    "    RNNs handle sequences by carrying a hidden state from step to step. On a task where the "
    f"answer at each step was announced one step earlier, the RNN reached **{rnn_final:.2f}** "
    f"accuracy while models without a hidden state, with {flat_counts} parameters, stayed at "
    f"{' and '.join(f'**{v}**' for v in flat_finals)}, chance level ({CHANCE:.2f}): the current input alone says "
    "nothing about the answer; the memory of the previous step says everything."
)
print("    ")  # a blank line inside the tip: a second paragraph
print(
    f"    That memory has limits: asked for a cue {far} steps back, the same RNN scored "
    f"**{far_accuracy}**, {back_at}, and the gradient reaching the cue's step was {far_ratio} of "
    "the last step's."
)
# --8<-- [end:key-insight]
