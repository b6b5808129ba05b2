"""The lesson's controlled experiment, cited by conceptual questions (docs/rnn/index.md computes it)."""

import contextlib  # markdown-exec: hide
import io  # markdown-exec: hide
import sys  # markdown-exec: hide

sys.path.insert(0, "snippets/rnn/index")  # run from the project root, as the build does  # markdown-exec: hide
with contextlib.redirect_stdout(io.StringIO()):  # markdown-exec: hide
    from experiment import CHANCE, memoryless_history, rnn_history  # the lesson's trained models

rnn_accuracy, memoryless_accuracy = rnn_history[-1][1], memoryless_history[-1][1]
print(f"In the lesson's experiment, after {len(rnn_history)} epochs: RNN **{rnn_accuracy:.2f}** accuracy, "
      f"the same model without a hidden state **{memoryless_accuracy:.2f}** (chance: {CHANCE:.2f}).")
