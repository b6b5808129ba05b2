"""Model quiz: the lesson's experiment, whole, for the RNN and its fair control (docs/rnn/index.md)."""

import torch
from torch import nn

torch.set_num_threads(1)  # as in the lesson
STEPS, FEATURES, HIDDEN, CLASSES = 10, 5, 8, 3
data = torch.Generator().manual_seed(0)


def make_sequences(n: int):
    """The class at step t: the largest of features 0-2
    at step t-1; step 1 has no label (-100)."""
    x = torch.randn((n, STEPS, FEATURES), generator=data)
    cue = x[:, :, :CLASSES].argmax(dim=-1)
    y = torch.full((n, STEPS), -100)
    y[:, 1:] = cue[:, :-1]
    return x, y


x_train, y_train = make_sequences(1000)
x_test, y_test = make_sequences(500)


def model(memory: bool, hidden: int) -> nn.Module:
    torch.manual_seed(0)  # as in the lesson's train()
    if memory:
        rnn = nn.RNN(FEATURES, hidden, batch_first=True)

        class Encoder(nn.Module):
            def __init__(self):
                super().__init__()
                self.rnn = rnn

            def forward(self, x):
                return self.rnn(x)[0]

        encoder = Encoder()
    else:
        encoder = nn.Sequential(nn.Linear(FEATURES, hidden), nn.Tanh())
    return nn.Sequential(encoder, nn.Linear(hidden, CLASSES))


def final_accuracy(net: nn.Module, epochs: int = 5) -> float:
    """Adam, batches of 50, as in the lesson."""
    optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
    for _ in range(epochs):
        for batch in torch.randperm(len(x_train)).split(50):
            scores = net(x_train[batch]).reshape(-1, CLASSES)
            loss = nn.functional.cross_entropy(
                scores, y_train[batch].reshape(-1)
            )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        predicted = net(x_test).argmax(dim=-1)
    labelled = y_test != -100
    right = predicted[labelled] == y_test[labelled]
    return round(right.float().mean().item(), 2)


for name, memory, hidden in [
    ("RNN", True, HIDDEN),
    ("wider memoryless model", False, 2 * HIDDEN),
]:
    net = model(memory, hidden)
    count = sum(p.numel() for p in net.parameters())
    print(f"- {name}: {count} parameters, test accuracy "
          f"**{final_accuracy(net):.2f}** after 5 epochs")
