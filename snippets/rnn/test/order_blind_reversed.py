"""Test question: a sum-of-steps model on reversed sequences (docs/rnn/test.md)."""

# --8<-- [start:question]
import torch
from torch import nn

torch.manual_seed(0)
head = nn.Linear(3, 2)


def model(x):  # x: (batch, steps, 3)
    return head(x.sum(dim=1))


x = torch.randn(8, 12, 3)
# every sequence backwards
reversed_x = x.flip(dims=[1])
# --8<-- [end:question]

rnn = nn.RNN(3, 2, batch_first=True)  # an RNN, for comparison

with torch.no_grad():
    gap = (model(x) - model(reversed_x)).abs().max().item()
    same = (model(x).argmax(-1) == model(reversed_x).argmax(-1)).all()
    last = rnn(x)[0][:, -1] - rnn(reversed_x)[0][:, -1]
    rnn_gap = last.abs().max().item()
print(f"- sum then linear: largest change of any score `{gap:.1e}`; "
      f"every predicted class the same? **{bool(same)}**")
print(f"- an RNN's last state: largest change `{rnn_gap:.2f}`")
answer = "They stay the same" if gap < 1e-5 else "They change"
