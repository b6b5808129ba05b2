"""Test: a GRU whose reset gate is forced to 0 (docs/gated/test.md)."""

import torch
from torch import nn

torch.manual_seed(0)
gru = nn.GRU(2, 3)
with torch.no_grad():
    gru.bias_ih_l0[0:3] = -100.0  # the r block: r = 0
    gru.bias_ih_l0[3:6] = -100.0  # the z block: h_1 = n_1
x, other_x = torch.randn(1, 1, 2), torch.randn(1, 1, 2)
_, from_zeros = gru(x, torch.zeros(1, 1, 3))
_, from_ones = gru(x, torch.ones(1, 1, 3))
_, from_other_x = gru(other_x, torch.zeros(1, 1, 3))
same_for_any_h = torch.allclose(from_zeros, from_ones)
moves_with_x = not torch.allclose(from_zeros, from_other_x)
OPTIONS = {  # (reads h_{t-1}, reads x_t) -> the option
    (True, False): "Only $h_{t-1}$: the input is ignored",
    (True, True): "Both $x_t$ and $h_{t-1}$, as when $r_t = 1$",
    (False, True): "Only the input $x_t$",
    (False, False): "Nothing: $n_t$ is all zeros",
}
answer = OPTIONS[not same_for_any_h, moves_with_x]


def shown(h):
    return [round(v, 2) for v in h.flatten().tolist()]


print(f"With r = 0 (and z = 0, so h_1 shows n_1): from h_0 "
      f"of zeros `{shown(from_zeros)}`, of ones "
      f"`{shown(from_ones)}`: the same: **{same_for_any_h}**. "
      f"Another x gives `{shown(from_other_x)}`: it moves "
      f"with x: **{moves_with_x}**.")
