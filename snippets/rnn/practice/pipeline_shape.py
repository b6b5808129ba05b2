"""Practice question: the score shape of an RNN and a linear layer on one sequence (docs/rnn/practice.md)."""

# --8<-- [start:question]
import torch
from torch import nn

rnn = nn.RNN(4, 6)
head = nn.Linear(6, 2)
x = torch.randn(7, 4)  # one sequence
hidden_states, h_last = rnn(x)
scores = head(hidden_states)
# --8<-- [end:question]

answer = tuple(scores.shape)
print(f"`hidden_states.shape` is `{tuple(hidden_states.shape)}`, "
      f"`scores.shape` is `{answer}`: one row of scores per step.")
