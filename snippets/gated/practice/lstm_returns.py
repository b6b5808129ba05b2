"""Model quiz: what an LSTM returns in second place (docs/gated/index.md)."""

# --8<-- [start:question]
import torch
from torch import nn

torch.manual_seed(0)
lstm = nn.LSTM(
    input_size=3,
    hidden_size=4,
)
x = torch.randn(6, 2, 3)
output, state = lstm(x)
# --8<-- [end:question]

h_n, c_n = state
kind = type(state).__name__
answer = (
    "A pair of tensors, (h_n, c_n)"
    if isinstance(state, tuple) and len(state) == 2
    else kind
)
print(f"`state` is a {kind} of {len(state)}: "
      f"`h_n` {tuple(h_n.shape)}, `c_n` {tuple(c_n.shape)}.")
