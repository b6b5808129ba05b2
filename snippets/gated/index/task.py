"""The marked-cue recall task, the parameter-matched models and their training (docs/gated/index.md)."""

# --8<-- [start:task]
import torch
from IPython.display import Markdown, display
from torch import nn

CLASSES = 3  # the cue is one of 3 values
FEATURES = CLASSES + 1  # the value one-hot, then the marker
LEAD = 1  # distractor steps before the cue
CHANCE = 1 / CLASSES


def make_task(n: int, distance: int, generator):
    """Every step shows a value; one step is marked.

    The answer, asked at the last step, is the
    marked value, `distance` steps back.
    """
    steps = LEAD + distance + 1
    values = torch.randint(
        CLASSES, (n, steps), generator=generator)
    x = torch.zeros(n, steps, FEATURES)
    x[..., :CLASSES] = nn.functional.one_hot(
        values, CLASSES).float()
    x[:, LEAD, CLASSES] = 1.0  # the marker
    return x, values[:, LEAD]


gen = torch.Generator().manual_seed(0)
x_demo, y_demo = make_task(1, 3, gen)
display(Markdown(
    f"One sequence, distance 3: `{tuple(x_demo.shape)}`"
    f" (batch, steps, features); answer "
    f"**{y_demo.item()}**.\n\n```text\n"
    + str(x_demo[0].int().tolist()).replace("], ", "],\n ")
    + "\n```"
))
# --8<-- [end:task]


# --8<-- [start:models]
SIZES = {"RNN": 12, "GRU": 6, "LSTM": 5}  # hidden units
LAYERS = {"RNN": nn.RNN, "GRU": nn.GRU, "LSTM": nn.LSTM}


class Recaller(nn.Module):
    """A cell, then a linear head on its last output."""

    def __init__(self, cell: str) -> None:
        super().__init__()
        hidden = SIZES[cell]
        self.cell = LAYERS[cell](
            FEATURES, hidden, batch_first=True)
        self.head = nn.Linear(hidden, CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.cell(x)[0][:, -1])


parameters = {
    cell: sum(p.numel() for p in Recaller(cell).parameters())
    for cell in SIZES
}
rows = ["| Cell | Hidden units | Parameters |",
        "|---|---:|---:|"]
for cell, count in parameters.items():
    rows.append(f"| {cell} | {SIZES[cell]} | {count} |")
spread = max(parameters.values()) - min(parameters.values())
display(Markdown(
    "\n".join(rows)
    + f"\n\nNot exactly equal: the counts differ by "
    f"{spread}, {spread / max(parameters.values()):.0%}"
    " of the largest."
))
# --8<-- [end:models]


# --8<-- [start:training]
import time

DISTANCES = [2, 5, 10, 20]  # steps from cue to answer
EPOCHS, TRAIN = 10, 400  # the budget: epochs, sequences


def cue_gradient(model, x, y) -> float:
    """The loss's gradient at the cue's input, over
    its gradient at the last input."""
    x = x.clone().requires_grad_(True)
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    model.zero_grad()
    at_cue = x.grad[:, LEAD].norm()
    return (at_cue / x.grad[:, -1].norm()).item()


def accuracy(model, x, y) -> float:
    with torch.no_grad():
        hits = model(x).argmax(dim=-1) == y
    return hits.float().mean().item()


def train(cell: str, distance: int):
    """Accuracy per epoch, the gradient before
    training, the CPU seconds and the model."""
    gen = torch.Generator().manual_seed(0)
    x_train, y_train = make_task(TRAIN, distance, gen)
    x_test, y_test = make_task(500, distance, gen)
    torch.manual_seed(0)
    model = Recaller(cell)
    gradient = cue_gradient(model, x_test, y_test)
    optimizer = torch.optim.Adam(
        model.parameters(), lr=0.03)
    history, seconds = [], 0.0
    for _ in range(EPOCHS):
        start = time.process_time()
        for batch in torch.randperm(TRAIN).split(64):
            loss = nn.functional.cross_entropy(
                model(x_train[batch]), y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        seconds += time.process_time() - start
        history.append(accuracy(model, x_test, y_test))
    return history, gradient, seconds, model
# --8<-- [end:training]
