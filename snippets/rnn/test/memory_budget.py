"""Test question: the lesson's recall task 9 steps back, at its two training budgets (docs/rnn/test.md)."""

import torch
from torch import nn

torch.set_num_threads(1)  # as in the lesson
FEATURES, HIDDEN, CLASSES, DISTANCE = 5, 8, 3, 9


def make_recall(n: int, generator: torch.Generator):
    """Step 1 announces a class; it is asked for at the end."""
    x = torch.randn(n, DISTANCE + 1, FEATURES, generator=generator)
    return x, x[:, 0, :CLASSES].argmax(dim=-1)


class Recaller(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.RNN(FEATURES, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, -1])


def accuracy_after(epochs: int) -> float:
    """The lesson's training: Adam, lr 0.04, batches of 250."""
    data = torch.Generator().manual_seed(0)
    x_train, y_train = make_recall(1000, data)
    x_test, y_test = make_recall(500, data)
    torch.manual_seed(0)
    model = Recaller()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.04)
    for _ in range(epochs):
        for batch in torch.randperm(1000).split(250):
            loss = nn.functional.cross_entropy(
                model(x_train[batch]), y_train[batch]
            )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        right = model(x_test).argmax(dim=-1) == y_test
    return round(right.float().mean().item(), 2)


accuracy = {epochs: accuracy_after(epochs) for epochs in (8, 40)}
print(f"The lesson's recall task, cue {DISTANCE} steps back "
      f"(chance: {1 / CLASSES:.2f}):\n")
for epochs, value in accuracy.items():
    print(f"- after {epochs} epochs: test accuracy **{value:.2f}**")
