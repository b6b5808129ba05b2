"""Test question: the shape of h_n with num_layers=3 (docs/rnn/test.md)."""

# --8<-- [start:question]
import torch

rnn = torch.nn.RNN(
    input_size=5,
    hidden_size=6,
    num_layers=3,
)
x = torch.randn(10, 4, 5)
output, h_n = rnn(x)
# --8<-- [end:question]

answer = tuple(h_n.shape)
print(f"`h_n.shape` is `{answer}`: (num_layers, batch, hidden_size), the last step of each layer; "
      f"`output.shape` is `{tuple(output.shape)}`, the top layer at every step.")
