"""Test question: the output shape with batch_first=True (docs/rnn/test.md)."""

# --8<-- [start:question]
import torch

rnn = torch.nn.RNN(
    input_size=5,
    hidden_size=8,
    batch_first=True,
)
x = torch.randn(2, 10, 5)
output, h_n = rnn(x)
# --8<-- [end:question]

answer = tuple(output.shape)
print(f"`output.shape` is `{answer}`: (batch, seq_len, hidden_size) with `batch_first=True`.")
