"""Test question: at chance after 8 epochs, the cell's limit or the budget's? (docs/rnn/test.md)"""

import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(5, 8, batch_first=True)
head = nn.Linear(8, 3)
for distance in (6, 12):
    x = torch.randn(500, distance + 1, 5, requires_grad=True)
    y = x[:, 0, :3].argmax(dim=-1).detach()  # the cue at step 1
    scores = head(rnn(x)[0][:, -1])
    nn.functional.cross_entropy(scores, y).backward()
    ratio = (x.grad[:, 0].norm() / x.grad[:, -1].norm()).item()
    print(f"- cue {distance} steps back: the gradient at the cue is "
          f"`{ratio:.1e}` of the last step's, before training")
