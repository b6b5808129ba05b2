"""Test question: the shape of a PackedSequence's data, packed from a list (docs/packing/test.md)."""

# --8<-- [start:question]
import torch
from torch.nn.utils.rnn import (
    pack_sequence,
)

torch.manual_seed(0)
seqs = [torch.randn(4, 2),
        torch.randn(1, 2),
        torch.randn(3, 2)]
packed = pack_sequence(
    seqs, enforce_sorted=False)
# --8<-- [end:question]

answer = tuple(packed.data.shape)
lengths = [len(s) for s in seqs]
print(f"`packed.data.shape` is `{answer}`: {sum(lengths)} real steps "
      f"({' + '.join(map(str, lengths))}), 2 features each; "
      f"padded, the batch would hold {len(seqs) * max(lengths)} positions.")
