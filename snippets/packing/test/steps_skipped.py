"""Test question: how many cell updates packing skips for a batch (docs/packing/test.md)."""

# --8<-- [start:question]
import torch
from torch.nn.utils.rnn import (
    pack_sequence,
)

seqs = [torch.zeros(n, 1)
        for n in (7, 2, 2, 1)]
packed = pack_sequence(seqs)
# --8<-- [end:question]

padded_updates = len(seqs) * max(len(s) for s in seqs)
real_updates = int(packed.batch_sizes.sum())
answer = padded_updates - real_updates
print(f"Padded: {len(seqs)} sequences × {max(len(s) for s in seqs)} steps = "
      f"{padded_updates} cell updates. Packed: `batch_sizes` = "
      f"`{packed.batch_sizes.tolist()}`, {real_updates} updates. "
      f"Skipped: **{answer}**.")
