"""Test: the parameters of a small GRU (docs/gated/test.md)."""

# --8<-- [start:question]
from torch import nn

gru = nn.GRU(
    input_size=2,
    hidden_size=3,
)
total = sum(
    p.numel() for p in gru.parameters()
)
# --8<-- [end:question]

answer = str(total)
for name, p in gru.named_parameters():
    print(f"- `{name}`: `{tuple(p.shape)}`, {p.numel()}")
print(f"- total: **{answer}**")
