"""The lesson's gradient at the cue before training, at its longest distance (docs/gated/index.md).

Cited by conceptual questions; self-contained, so that the listing runs when copied."""

import torch
from torch import nn

CLASSES, FEATURES, LEAD = 3, 4, 1  # as in the lesson
SIZES = {"RNN": 12, "GRU": 6, "LSTM": 5}
LAYERS = {"RNN": nn.RNN, "GRU": nn.GRU, "LSTM": nn.LSTM}
DISTANCES = [2, 5, 10, 20]
EPOCHS, TRAIN = 10, 400


def make_task(n, distance, generator):
    steps = LEAD + distance + 1
    values = torch.randint(
        CLASSES, (n, steps), generator=generator)
    x = nn.functional.one_hot(values, FEATURES).float()
    x[:, LEAD, CLASSES] = 1.0  # the marker
    return x, values[:, LEAD]


class Recaller(nn.Module):
    def __init__(self, cell):
        super().__init__()
        self.cell = LAYERS[cell](
            FEATURES, SIZES[cell], batch_first=True)
        self.head = nn.Linear(SIZES[cell], CLASSES)

    def forward(self, x):
        return self.head(self.cell(x)[0][:, -1])


far = DISTANCES[-1]
gen = torch.Generator().manual_seed(0)
make_task(TRAIN, far, gen)  # the training set comes first
x, y = make_task(500, far, gen)  # then the test set
x.requires_grad_(True)
gradients, parameters = {}, {}
for cell in SIZES:
    torch.manual_seed(0)
    model = Recaller(cell)
    parameters[cell] = sum(
        p.numel() for p in model.parameters())
    x.grad = None
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    at_cue = x.grad[:, LEAD].norm()
    gradients[cell] = (at_cue / x.grad[:, -1].norm()).item()
print(f"In the lesson, {far} steps from the cue, before "
      "training, the gradient at the cue over the one "
      "at the end: " + ", ".join(
          f"{c} **{g:.1e}**" for c, g in gradients.items())
      + ". The models' parameters: " + ", ".join(
          f"{c} {n}" for c, n in parameters.items()) + ".")
