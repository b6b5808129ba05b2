"""Test question: the shape of a PackedSequence's data (docs/packing/test.md)."""

# --8<-- [start:question]
import torch
from torch.nn.utils.rnn import (
    pack_padded_sequence,
)

torch.manual_seed(0)
x = torch.randn(3, 4, 2)  # padded
lengths = torch.tensor([4, 1, 3])
packed = pack_padded_sequence(
    x, lengths, batch_first=True,
    enforce_sorted=False)
# --8<-- [end:question]

answer = tuple(packed.data.shape)
print(f"`packed.data.shape` is `{answer}`: {int(lengths.sum())} real steps "
      f"({' + '.join(map(str, lengths.tolist()))}), 2 features each; "
      f"the padded batch held {x.shape[0] * x.shape[1]} positions.")
