"""Practice: the shape of a GRU's stacked input weights (docs/gated/practice.md)."""

# --8<-- [start:question]
from torch import nn

gru = nn.GRU(
    input_size=8,
    hidden_size=16,
)
shape = gru.weight_ih_l0.shape
# --8<-- [end:question]

answer = tuple(shape)
blocks = [tuple(w.shape) for w in gru.weight_ih_l0.chunk(3)]
print(f"`weight_ih_l0.shape` is `{answer}`: three blocks "
      f"(r, z, n) of {blocks[0]}, stacked.")
