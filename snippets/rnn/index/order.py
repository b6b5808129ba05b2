"""Order matters: an RNN and an order-blind model on shuffled steps (docs/rnn/index.md)."""

# Run alone or imported; on the page, experiment.py already ran in this session.
from experiment import CHANCE, CLASSES, FEATURES, HIDDEN

# --8<-- [start:recall-task]
import time

import torch
from IPython.display import Markdown, display
from torch import nn


def make_recall(n: int, distance: int, generator: torch.Generator):
    """Step 1 announces a class (largest of features 0-2);
    it is asked for `distance` steps later."""
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


class OrderBlind(nn.Module):
    """The mean of all steps, then a linear layer."""

    def __init__(self) -> None:
        super().__init__()
        self.head = nn.Linear(FEATURES, CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(x.mean(dim=1))


def recall_data(distance: int):
    """1000 training and 500 test sequences, seeded."""
    data = torch.Generator().manual_seed(0)
    return [make_recall(n, distance, data) for n in (1000, 500)]


def fit(model: nn.Module, x, y, epochs: int) -> float:
    """Adam, batches of 250; returns the CPU seconds."""
    optimizer = torch.optim.Adam(model.parameters(), lr=0.04)
    cpu_start = time.thread_time()
    for _ in range(epochs):
        for batch in torch.randperm(len(x)).split(250):
            loss = nn.functional.cross_entropy(model(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return time.thread_time() - cpu_start


def accuracy(model: nn.Module, x, y) -> float:
    with torch.no_grad():
        return (model(x).argmax(dim=-1) == y).float().mean().item()
# --8<-- [end:recall-task]


# --8<-- [start:permutation-test]
torch.set_num_threads(1)  # small matrices: one thread is faster
DISTANCE, EPOCHS = 4, 8
(train_x, train_y), (test_x, test_y) = recall_data(DISTANCE)
order_models, order_seconds = {}, {}
for name, model_class in [("Order-blind", OrderBlind), ("RNN", Recaller)]:
    torch.manual_seed(0)
    order_models[name] = model_class()
    order_seconds[name] = fit(order_models[name], train_x, train_y, EPOCHS)

shuffle = torch.Generator().manual_seed(1)  # a new order for every test sequence
order = torch.rand(test_x.shape[:2], generator=shuffle).argsort(dim=1)
shuffled = test_x[torch.arange(len(test_x)).unsqueeze(1), order]

order_scores = {}  # name -> (in order, shuffled), rounded as shown
rows = ["| Model | In order | Steps shuffled |", "|---|---:|---:|"]
counts = {}
for name, model in order_models.items():
    counts[name] = sum(p.numel() for p in model.parameters())
    kept, moved = (
        round(accuracy(model, x, test_y), 2) for x in (test_x, shuffled)
    )
    order_scores[name] = (kept, moved)
    rows.append(f"| {name} | {kept:.2f} | {moved:.2f} |")
display(Markdown("\n".join(rows)))
print(f"\nParameters: RNN {counts['RNN']}, "
      f"order-blind {counts['Order-blind']}.")

with torch.no_grad():
    blind = order_models["Order-blind"]
    blind_gap = (blind(test_x) - blind(shuffled)).abs().max().item()
rnn_kept, rnn_moved = order_scores["RNN"]
blind_kept, blind_moved = order_scores["Order-blind"]
change = "drops" if rnn_moved < rnn_kept else "does not drop"
alike = "the same" if blind_kept == blind_moved else "a different"
print(
    f"\nShuffling the steps {change} the RNN's test accuracy from "
    f"{rnn_kept:.2f} to {rnn_moved:.2f}. The order-blind model "
    f"scores {alike} {blind_moved:.2f} both times: its scores move "
    f"by at most `{blind_gap:.1e}`, the rounding of a sum in "
    "another order."
)

stayed = order[:, 0] == 0  # the shuffle left the cue at step 1
rnn = order_models["RNN"]
moved_acc = accuracy(rnn, shuffled[~stayed], test_y[~stayed])
print(
    f"\nIn {int(stayed.sum())} of the {len(test_x)} shuffled "
    f"sequences the cue stayed at step 1; on the others the RNN "
    f"scores {moved_acc:.2f} (chance: {CHANCE:.2f})."
)
# --8<-- [end:permutation-test]
