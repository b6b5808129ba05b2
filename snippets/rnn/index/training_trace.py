"""The RNN's training trace: table, loss bars and a plot of all three models (docs/rnn/index.md)."""

if __name__ == "__main__":  # alone; on the page, experiment.py already ran in this session
    from experiment import CHANCE, MODELS, histories, parameters, rnn_history


# --8<-- [start:epoch-table]
from IPython.display import Markdown, display


def observation(epoch: int, rows: list) -> str:
    """What a teacher would say about one row, read off
    the numbers as the table rounds them."""
    loss, accuracy = (float(v) for v in rows[epoch - 1])
    if epoch == 1:
        above = accuracy - CHANCE > 0.10
        near = "well above" if above else "still near"
        said = [f"After one pass the RNN is {near} "
                f"chance ({CHANCE:.2f})."]
    else:
        prev_loss, prev_accuracy = (
            float(v) for v in rows[epoch - 2]
        )
        drop = (prev_loss - loss) / prev_loss
        if drop < 0:
            said = [f"The loss rises ({-drop:+.0%})."]
        elif drop < 0.05:
            said = ["The loss levels off."]
        elif round(accuracy - prev_accuracy, 2) <= 0.01:
            said = ["Accuracy barely moves while the loss "
                    "still falls: the probabilities move "
                    "toward the labels without changing "
                    "many predicted classes."]
        else:
            pace = "Steep" if drop >= 0.25 else "Slower"
            said = [f"{pace} progress: the loss drops {drop:.0%}."]
    earlier = [float(a) for _, a in rows[: epoch - 1]]
    if accuracy > 0.90 and all(a <= 0.90 for a in earlier):
        said.append("First epoch above 0.90.")
    return " ".join(said)


# the values as the table rounds them
shown = [(f"{loss:.3f}", f"{acc:.2f}") for loss, acc in rnn_history]
rows = ["| Epoch | Test loss ↓ | Observation |", "|---:|---:|---|"]
for epoch, (loss, accuracy) in enumerate(shown, start=1):
    said = observation(epoch, shown)
    rows.append(f"| {epoch} | {loss} | Accuracy {accuracy}. {said} |")
display(Markdown("\n".join(rows)))
# --8<-- [end:epoch-table]


# --8<-- [start:loss-bars]
BAR_WIDTH = 20  # characters for the largest loss
largest = max(loss for loss, _ in rnn_history)
bars = ["test loss"]
for loss, _ in rnn_history:
    stars = "*" * round(loss / largest * BAR_WIDTH)
    bars.append(f"{loss:5.2f} |{stars}")
display(Markdown("```text\n" + "\n".join(bars) + "\n```"))
# --8<-- [end:loss-bars]


# --8<-- [start:loss-plot]
import matplotlib.pyplot as plt

epochs = range(1, len(rnn_history) + 1)
fig, (loss_ax, acc_ax) = plt.subplots(
    2, 1, figsize=(3.6, 4.4), sharex=True, layout="constrained"
)
styles = {"RNN": "-o", "Memoryless": "--s",
          "Wider memoryless": "-.^"}
for name, history in histories.items():
    label = f"{name} ({parameters[name]})"
    losses = [loss for loss, _ in history]
    accuracies = [acc for _, acc in history]
    loss_ax.plot(epochs, losses, styles[name], markersize=4,
                 label=label)
    acc_ax.plot(epochs, accuracies, styles[name], markersize=4,
                label=label)
# drawn last and thicker, so the lines near it do not hide it
acc_ax.axhline(CHANCE, color="k", linewidth=2, linestyle=":",
               zorder=5, label="chance")
acc_ax.annotate("chance", (len(epochs), CHANCE), xytext=(0, 4),
                textcoords="offset points", ha="right",
                va="bottom")
loss_ax.set(title="test loss", xticks=list(epochs))
acc_ax.set(title="test accuracy", xlabel="epoch", ylim=(0, 1))
loss_ax.legend(frameon=False, fontsize=9)
final = {name: history[-1][1] for name, history in histories.items()}
fig.set_label(
    f"Test loss and accuracy per epoch: after "
    f"{len(rnn_history)} epochs the RNN reaches "
    f"{final['RNN']:.2f} accuracy, the memoryless models "
    f"{final['Memoryless']:.2f} and "
    f"{final['Wider memoryless']:.2f}, at chance ({CHANCE:.2f})."
)
plt.show()
print(f"*{fig.get_label()}*")
# --8<-- [end:loss-plot]
