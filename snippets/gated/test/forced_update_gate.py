"""Test: a GRU whose update gate is forced to 1 (docs/gated/test.md)."""

# --8<-- [start:question]
import torch
from torch import nn

torch.manual_seed(0)
gru = nn.GRU(2, 3)
with torch.no_grad():
    # rows 3 to 5: the z block
    gru.bias_ih_l0[3:6] = 100.0
h0 = torch.ones(1, 1, 3)
x = torch.randn(4, 1, 2)
output, h_n = gru(x, h0)
# --8<-- [end:question]

kept = torch.allclose(h_n, h0)
answer = (
    "All ones: h0, unchanged" if kept
    else f"`{h_n.flatten().tolist()}`"
)
print(f"`h_n` is `{[round(v, 2) for v in h_n.flatten().tolist()]}`;"
      f" equal to `h0`: **{kept}**. With z = 1 every step "
      "copies the state.")
