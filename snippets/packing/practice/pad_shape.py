"""Practice question: the shape pad_sequence gives three sequences, batch first (docs/packing/practice.md)."""

# --8<-- [start:question]
import torch
from torch.nn.utils.rnn import (
    pad_sequence,
)

torch.manual_seed(0)
seqs = [torch.randn(4, 6),
        torch.randn(2, 6),
        torch.randn(3, 6)]
x = pad_sequence(seqs, batch_first=True)
# --8<-- [end:question]

answer = tuple(x.shape)
print(f"`x.shape` is `{answer}`: (batch, longest length, features).")
for i, seq in enumerate(seqs):
    print(f"- sequence {i}: {len(seq)} real steps, then {x.shape[1] - len(seq)} of zeros")
