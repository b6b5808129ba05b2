"""Test question: which slice of output equals h_n for one layer, one direction (docs/rnn/test.md)."""

import torch

torch.manual_seed(0)
rnn = torch.nn.RNN(input_size=5, hidden_size=8)
output, h_n = rnn(torch.randn(6, 2, 5))  # seq_len=6, batch=2

candidates = ["output[0]", "output[-1]", "output[:, -1]", "output.mean(dim=0)"]
matches = [expression for expression in candidates if torch.equal(eval(expression), h_n[0])]
for expression in candidates:
    print(f"- `{expression}` equals `h_n[0]`? **{expression in matches}**")
(answer,) = matches
