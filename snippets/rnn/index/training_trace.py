"""The RNN's training trace: table, loss bars and a plot of both models (docs/rnn/index.md)."""

if __name__ == "__main__":  # alone; on the page, experiment.py already ran in this session
    from experiment import CHANCE, memoryless_history, rnn_history


# --8<-- [start:epoch-table]
def observation(epoch: int, history: list[tuple[float, float]]) -> str:
    """A sentence read off the numbers: how loss and accuracy moved since the last epoch."""
    loss, accuracy = history[epoch - 1]
    if epoch == 1:
        return f"After one pass, accuracy is {accuracy - CHANCE:.2f} above chance ({CHANCE:.2f})."
    prev_loss, prev_accuracy = history[epoch - 2]
    drop = (prev_loss - loss) / prev_loss
    trend = "falls sharply" if drop > 0.25 else "keeps falling" if drop > 0.05 else "levels off"
    return f"Loss {trend} ({-drop:+.0%}); accuracy {accuracy - prev_accuracy:+.2f}."


print("| Epoch | Loss ↓ | Accuracy ↑ | Observation |")
print("|---:|---:|---:|---|")
for epoch, (loss, accuracy) in enumerate(rnn_history, start=1):
    print(f"| {epoch} | {loss:.3f} | {accuracy:.2f} | {observation(epoch, rnn_history)} |")
# --8<-- [end:epoch-table]


# --8<-- [start:loss-bars]
BAR_WIDTH = 20  # characters for the largest loss
largest = max(loss for loss, _ in rnn_history)
print("```text")
print("loss")
for loss, _ in rnn_history:
    print(f"{loss:5.2f} |{'*' * round(loss / largest * BAR_WIDTH)}")
print("```")
# --8<-- [end:loss-bars]


# --8<-- [start:loss-plot]
import io

import matplotlib

matplotlib.use("svg")  # no display: render straight to SVG text
import matplotlib.pyplot as plt

plt.rcParams.update({"svg.hashsalt": "rnn-lesson", "svg.fonttype": "none"})  # stable ids, real text
INK = "#010203"  # drawn in this colour, then swapped for the page's text colour (dark mode)

epochs = range(1, len(rnn_history) + 1)
fig, (loss_ax, acc_ax) = plt.subplots(1, 2, figsize=(7, 2.8), layout="constrained")
for history, label, style in [(rnn_history, "RNN", "-o"), (memoryless_history, "memoryless", "--s")]:
    loss_ax.plot(epochs, [loss for loss, _ in history], style, label=label)
    acc_ax.plot(epochs, [acc for _, acc in history], style, label=label)
acc_ax.axhline(CHANCE, color=INK, linewidth=0.8, linestyle=":", label="chance")
for ax, title in [(loss_ax, "test loss"), (acc_ax, "test accuracy")]:
    ax.set(title=title, xlabel="epoch", xticks=list(epochs))
    ax.set_facecolor("none")
    ax.tick_params(colors=INK)
    ax.title.set_color(INK)
    ax.xaxis.label.set_color(INK)
    for spine in ax.spines.values():
        spine.set_color(INK)
acc_ax.legend(loc="center right", frameon=False, labelcolor=INK)
fig.patch.set_alpha(0)

svg = io.StringIO()
fig.savefig(svg, format="svg", metadata=dict.fromkeys(["Date", "Creator", "Format", "Type"]))  # no RDF block: not HTML
plt.close(fig)
svg_text = svg.getvalue().replace(INK, "currentColor")
svg_text = svg_text[svg_text.index("<svg") :]  # drop the XML prologue: it is inlined into HTML
caption = (
    f"Test loss and accuracy per epoch. After {len(rnn_history)} epochs the RNN reaches "
    f"{rnn_history[-1][1]:.2f} accuracy, the memoryless model {memoryless_history[-1][1]:.2f} "
    f"(chance: {CHANCE:.2f})."
)
svg_text = svg_text.replace("<svg ", f'<svg role="img" aria-label="{caption}" ', 1)
print(f'<figure class="lesson-plot">\n{svg_text}\n<figcaption>{caption}</figcaption>\n</figure>')
# --8<-- [end:loss-plot]
