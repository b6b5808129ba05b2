"""Test question: which slice of a bidirectional output equals the backward h_n (docs/rnn/test.md)."""

import torch

torch.manual_seed(0)
rnn = torch.nn.RNN(input_size=5, hidden_size=6, bidirectional=True)
output, h_n = rnn(torch.randn(7, 2, 5))  # seq_len=7, batch=2

candidates = [
    "output[-1, :, 6:]",
    "output[0, :, 6:]",
    "output[-1, :, :6]",
    "output[0, :, :6]",
]
matches = [e for e in candidates if torch.equal(eval(e), h_n[1])]
for expression in candidates:
    print(f"- `{expression}` equals `h_n[1]`? "
          f"**{expression in matches}**")
(answer,) = matches
