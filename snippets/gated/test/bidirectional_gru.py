"""Test: h_n's shape for a two-layer bidirectional GRU (docs/gated/test.md)."""

# --8<-- [start:question]
import torch
from torch import nn

torch.manual_seed(0)
gru = nn.GRU(
    4, 6, num_layers=2,
    bidirectional=True,
    batch_first=True,
)
x = torch.randn(2, 5, 4)
output, h_n = gru(x)
# --8<-- [end:question]

answer = tuple(h_n.shape)
print(f"`h_n.shape` is `{answer}`: {gru.num_layers} "
      f"layers × 2 directions, then the batch of "
      f"{x.shape[0]}, whatever "
      f"`batch_first` says; `output` is "
      f"`{tuple(output.shape)}`.")
