"""Test: the shape of a two-layer, batch-first LSTM's c_n (docs/gated/test.md)."""

# --8<-- [start:question]
import torch
from torch import nn

torch.manual_seed(0)
lstm = nn.LSTM(
    5, 7,
    num_layers=2,
    batch_first=True,
)
x = torch.randn(3, 9, 5)
output, (h_n, c_n) = lstm(x)
# --8<-- [end:question]

answer = tuple(c_n.shape)
print(f"`c_n.shape` is `{answer}`, like `h_n` "
      f"`{tuple(h_n.shape)}`: layers first, whatever "
      f"`batch_first` says; `output` is "
      f"`{tuple(output.shape)}`.")
