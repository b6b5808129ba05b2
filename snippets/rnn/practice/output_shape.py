"""Practice question: the output shape of a one-layer RNN on a (4, 2, 5) input (docs/rnn/practice.md)."""

# --8<-- [start:question]
import torch

rnn = torch.nn.RNN(
    input_size=5,
    hidden_size=3,
    num_layers=1,
)
# seq_len=4, batch=2, input_size=5
input_seq = torch.randn(4, 2, 5)
output, hidden = rnn(input_seq)
# --8<-- [end:question]

answer = tuple(output.shape)
print(f"`output.shape` is `{answer}`: (seq_len, batch, hidden_size); `hidden.shape` is `{tuple(hidden.shape)}`.")
