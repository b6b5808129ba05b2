"""Test: the output shape of a bidirectional GRU (docs/gated/test.md)."""

# --8<-- [start:question]
import torch
from torch import nn

torch.manual_seed(0)
gru = nn.GRU(4, 6, bidirectional=True)
x = torch.randn(5, 2, 4)
output, h_n = gru(x)
# --8<-- [end:question]

answer = tuple(output.shape)
print(f"`output.shape` is `{answer}`: both directions' "
      f"6 features side by side; `h_n` is "
      f"`{tuple(h_n.shape)}`.")
