"""Test question: a bidirectional RNN's output shape (docs/rnn/test.md)."""

# --8<-- [start:question]
import torch

rnn = torch.nn.RNN(
    input_size=5,
    hidden_size=6,
    bidirectional=True,
)
x = torch.randn(10, 4, 5)
output, h_n = rnn(x)
# --8<-- [end:question]

answer = tuple(output.shape)
print(f"`output.shape` is `{answer}`: the forward and backward hidden states side by side "
      f"(2 x hidden_size); `h_n.shape` is `{tuple(h_n.shape)}`.")
