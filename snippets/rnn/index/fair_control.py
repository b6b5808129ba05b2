"""Model quiz: why the experiment adds a wider memoryless model (docs/rnn/index.md)."""

from torch import nn


def count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


rnn = nn.RNN(5, 8)  # 5 features in, 8 hidden units
memoryless = nn.Linear(5, 8)  # the same step, no W_hh
wider = nn.Linear(5, 16)
head = {8: nn.Linear(8, 3), 16: nn.Linear(16, 3)}  # 3 classes
print(f"- RNN + head: **{count(rnn) + count(head[8])}** parameters")
print(f"- memoryless + head: **{count(memoryless) + count(head[8])}**")
print(f"- wider memoryless + head: **{count(wider) + count(head[16])}**")
