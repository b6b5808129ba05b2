"""Test question: the parameter count does not depend on sequence length (docs/rnn/test.md)."""

import torch

rnn = torch.nn.RNN(input_size=10, hidden_size=20)
count = lambda: sum(parameter.numel() for parameter in rnn.parameters())  # noqa: E731
for steps in (5, 100):
    output, _ = rnn(torch.randn(steps, 1, 10))
    print(f"- {steps} steps: output `{tuple(output.shape)}`, parameters used: **{count()}**")
answer = count()
