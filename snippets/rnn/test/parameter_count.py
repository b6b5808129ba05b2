"""Test question: how many parameters nn.RNN(3, 7) has, counted from the module (docs/rnn/test.md)."""

import torch

rnn = torch.nn.RNN(3, 7)
for name, parameter in rnn.named_parameters():
    print(f"- `{name}`: shape `{tuple(parameter.shape)}`, {parameter.numel()} values")
answer = sum(parameter.numel() for parameter in rnn.parameters())
print(f"\nTotal: **{answer}**")
