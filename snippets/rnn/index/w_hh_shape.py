"""Model quiz: the shape of W_hh in nn.RNN(6, 4) (docs/rnn/index.md)."""

import torch

rnn = torch.nn.RNN(input_size=6, hidden_size=4)
for name, p in rnn.named_parameters():
    print(f"- `{name}`: `{tuple(p.shape)}`")
answer = tuple(rnn.weight_hh_l0.shape)
