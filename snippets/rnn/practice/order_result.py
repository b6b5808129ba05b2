"""Practice question: the lesson's order test, whole: steps in order and shuffled (docs/rnn/practice.md)."""

import torch
from torch import nn

torch.set_num_threads(1)  # as in the lesson
FEATURES, HIDDEN, CLASSES, DISTANCE = 5, 8, 3, 4
data = torch.Generator().manual_seed(0)


def make_recall(n: int):
    """Step 1 announces a class; it is asked for at the end."""
    x = torch.randn(n, DISTANCE + 1, FEATURES, generator=data)
    return x, x[:, 0, :CLASSES].argmax(dim=-1)


x_train, y_train = make_recall(1000)
x_test, y_test = make_recall(500)


class Recaller(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.RNN(FEATURES, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, -1])


torch.manual_seed(0)
model = Recaller()
optimizer = torch.optim.Adam(model.parameters(), lr=0.04)
for _ in range(8):  # epochs, batches of 250, as in the lesson
    for batch in torch.randperm(1000).split(250):
        loss = nn.functional.cross_entropy(
            model(x_train[batch]), y_train[batch]
        )
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

shuffle = torch.Generator().manual_seed(1)
order = torch.rand(x_test.shape[:2], generator=shuffle).argsort(dim=1)
shuffled = x_test[torch.arange(len(x_test)).unsqueeze(1), order]
with torch.no_grad():
    kept, moved = (
        round((model(x).argmax(-1) == y_test).float().mean().item(), 2)
        for x in (x_test, shuffled)
    )
print(f"The lesson's RNN, steps in order: test accuracy **{kept:.2f}**; "
      f"the same steps shuffled: **{moved:.2f}**.")
