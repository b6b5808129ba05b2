"""Practice: the parameters of a two-layer LSTM (docs/gated/practice.md)."""

# --8<-- [start:question]
from torch import nn

lstm = nn.LSTM(
    input_size=3,
    hidden_size=8,
    num_layers=2,
)
total = sum(
    p.numel() for p in lstm.parameters()
)
# --8<-- [end:question]

answer = f"{total:,}"
for layer in range(2):
    count = sum(p.numel() for name, p in lstm.named_parameters()
                if name.endswith(f"_l{layer}"))
    print(f"- layer {layer}: {count:,} parameters")
print(f"- total: **{answer}**")
