"""The lesson's gradient at the cue before training, cited by conceptual questions (docs/gated/index.md)."""

import contextlib  # markdown-exec: hide
import io  # markdown-exec: hide
import sys  # markdown-exec: hide

sys.path.insert(0, "snippets/gated/index")  # run from the project root  # markdown-exec: hide
with contextlib.redirect_stdout(io.StringIO()):  # markdown-exec: hide
    from task import DISTANCES, SIZES, Recaller, cue_gradient, make_task, parameters  # markdown-exec: hide

import torch

far = DISTANCES[-1]  # the lesson's longest distance
gen = torch.Generator().manual_seed(0)
make_task(400, far, gen)  # the training set comes first
x, y = make_task(500, far, gen)  # then the test set
gradients = {}
for cell in SIZES:
    torch.manual_seed(0)
    gradients[cell] = cue_gradient(Recaller(cell), x, y)
print(f"In the lesson, {far} steps from the cue, before "
      "training, the gradient at the cue over the one "
      "at the end: " + ", ".join(
          f"{c} **{g:.1e}**" for c, g in gradients.items())
      + ".")
