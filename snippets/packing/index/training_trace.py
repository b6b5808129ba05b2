"""Both models' training traces: table, loss bars and a plot (docs/packing/index.md)."""

if __name__ == "__main__":  # alone; on the page, experiment.py already ran in this session
    from experiment import CHANCE, packed_history, padded_history


# --8<-- [start:epoch-table]
from IPython.display import Markdown, display


def observation(epoch: int, history: list[tuple[float, float]]) -> str:
    """A sentence read off the ROUNDED numbers the table shows:
    how loss and accuracy moved since the row above."""
    rows = [(round(loss, 3), round(acc, 2)) for loss, acc in history]
    loss, accuracy = rows[epoch - 1]
    if epoch == 1:
        above = round(accuracy - CHANCE, 2)
        side = "above" if above >= 0 else "below"
        return f"Accuracy {accuracy:.2f}, {abs(above):.2f} {side} chance ({CHANCE:.2f})."
    prev_loss, prev_accuracy = rows[epoch - 2]
    change = (loss - prev_loss) / prev_loss
    fell_before = epoch > 2 and prev_loss < rows[epoch - 3][0]
    trend = (
        "rises" if change > 0.05
        else "falls sharply" if change < -0.25
        else ("keeps falling" if fell_before else "falls")
        if change < -0.05
        else "levels off"
    )
    delta = round(accuracy - prev_accuracy, 2) + 0.0  # no -0.00
    return (f"Loss {trend} ({change:+.0%}); "
            f"accuracy {accuracy:.2f} ({delta:+.2f}).")


for name, history in [("Packed", packed_history), ("Padded", padded_history)]:
    print(f"**{name}**\n")
    table = []
    table.append("| Epoch | Loss ↓ | Observation |")
    table.append("|---:|---:|---|")
    for epoch, (loss, _) in enumerate(history, start=1):
        table.append(f"| {epoch} | {loss:.3f} | {observation(epoch, history)} |")
    display(Markdown("\n".join(table) + "\n"))  # a blank line ends it
# --8<-- [end:epoch-table]


# --8<-- [start:loss-bars]
BAR_WIDTH = 20  # characters for the largest loss
largest = max(loss for history in (packed_history, padded_history) for loss, _ in history)
print("```text")
for name, history in [("packed", packed_history), ("padded", padded_history)]:
    print(f"{name} loss")
    for loss, _ in history:
        print(f"{loss:5.2f} |{'*' * round(loss / largest * BAR_WIDTH)}")
print("```")
# --8<-- [end:loss-bars]


# --8<-- [start:loss-plot]
import matplotlib.pyplot as plt

epochs = range(1, len(packed_history) + 1)
fig, (loss_ax, acc_ax) = plt.subplots(2, 1, figsize=(3.6, 4.4), sharex=True, layout="constrained")
for history, label, style in [(packed_history, "packed", "-o"), (padded_history, "padded", "--s")]:
    loss_ax.plot(epochs, [loss for loss, _ in history], style, label=label)
    acc_ax.plot(epochs, [acc for _, acc in history], style, label=label)
acc_ax.axhline(CHANCE, color="k", linewidth=1.5, linestyle=":", label="chance")
loss_ax.set(title="test loss")
acc_ax.set(title="test accuracy", xlabel="epoch", xticks=list(epochs))
acc_ax.legend(loc="center right", frameon=False)
summary = (
    f"Test loss and accuracy per epoch. After {len(packed_history)} epochs the packed model "
    f"reaches {packed_history[-1][1]:.2f} accuracy, the padded one {padded_history[-1][1]:.2f} "
    f"(chance: {CHANCE:.2f})."
)
fig.set_label(summary)
plt.show()
print(summary)
# --8<-- [end:loss-plot]
