"""Test: which gate the second block of an LSTM's weight_ih_l0 belongs to, found by running (docs/gated/test.md)."""

import itertools

import torch
from torch import nn

torch.manual_seed(0)
lstm = nn.LSTM(3, 4)
x = torch.randn(1, 3)
h, c = torch.randn(1, 4), torch.randn(1, 4)
GATES = ["input gate i", "forget gate f",
         "cell candidate g", "output gate o"]


def step(order):
    """One LSTM step, reading the blocks in `order`."""
    pre = (x @ lstm.weight_ih_l0.T + lstm.bias_ih_l0
           + h @ lstm.weight_hh_l0.T + lstm.bias_hh_l0)
    blocks = dict(zip(order, pre.chunk(4, dim=-1)))
    i, f, o = (torch.sigmoid(blocks[g])
               for g in ("input gate i", "forget gate f",
                         "output gate o"))
    g = torch.tanh(blocks["cell candidate g"])
    c_new = f * c + i * g
    return o * torch.tanh(c_new), c_new


with torch.no_grad():
    _, (h_ref, c_ref) = lstm(x.unsqueeze(0), (
        h.unsqueeze(0), c.unsqueeze(0)))
    matches = [
        order for order in itertools.permutations(GATES)
        if all(torch.allclose(a, b[0], atol=1e-6)
               for a, b in zip(step(order), (h_ref, c_ref)))
    ]
(order,) = matches
answer = order[1]
print(f"Of the {len(list(itertools.permutations(GATES)))} "
      "orders, one reproduces `nn.LSTM`: "
      + ", ".join(order) + f". The second block: **{answer}**.")
