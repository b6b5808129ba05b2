"""Test question: the initial hidden state nn.RNN uses when none is passed (docs/rnn/test.md)."""

import torch

torch.manual_seed(0)
rnn = torch.nn.RNN(input_size=5, hidden_size=8)
x = torch.randn(4, 1, 5)
default_output, _ = rnn(x)  # no h_0 given

candidates = {"All zeros": torch.zeros(1, 1, 8), "All ones": torch.ones(1, 1, 8)}
for name, h0 in candidates.items():
    output, _ = rnn(x, h0)
    print(f"- `h_0` = {name.lower()}: same output as passing none? **{torch.equal(output, default_output)}**")
(answer,) = [name for name, h0 in candidates.items() if torch.equal(rnn(x, h0)[0], default_output)]
