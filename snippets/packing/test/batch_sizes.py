"""Test question: what packed.batch_sizes holds (docs/packing/test.md)."""

# --8<-- [start:question]
import torch
from torch.nn.utils.rnn import (
    pack_padded_sequence,
)

x = torch.zeros(3, 4, 1)  # padded
lengths = torch.tensor([4, 1, 3])
packed = pack_padded_sequence(
    x, lengths, batch_first=True,
    enforce_sorted=False)
# --8<-- [end:question]

answer = packed.batch_sizes.tolist()
print(f"`packed.batch_sizes.tolist()` is `{answer}`:\n")
for step, size in enumerate(answer, start=1):
    running = [i for i, n in enumerate(lengths.tolist()) if n >= step]
    print(f"- step {step}: {size} sequence(s) still running, {running}")
