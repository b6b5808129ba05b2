"""The lesson's controlled experiment, cited by conceptual questions (docs/packing/index.md computes it)."""

import contextlib  # markdown-exec: hide
import io  # markdown-exec: hide
import runpy  # markdown-exec: hide

with contextlib.redirect_stdout(io.StringIO()):  # markdown-exec: hide
    lesson = runpy.run_path("snippets/packing/index/experiment.py")  # run from the project root  # markdown-exec: hide

packed_accuracy = lesson["packed_history"][-1][1]
padded_accuracy = lesson["padded_history"][-1][1]
print(f"In the lesson's experiment, after {len(lesson['packed_history'])} epochs on the same data "
      f"from the same weights: packed **{packed_accuracy:.2f}** accuracy, padded "
      f"**{padded_accuracy:.2f}** (chance: {lesson['CHANCE']:.2f}).")
