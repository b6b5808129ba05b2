"""Test question: pad_sequence's default layout is time first (docs/packing/test.md)."""

# --8<-- [start:question]
import torch
from torch.nn.utils.rnn import (
    pad_sequence,
)

torch.manual_seed(0)
seqs = [torch.randn(5, 7),
        torch.randn(2, 7),
        torch.randn(4, 7)]
x = pad_sequence(seqs)
# --8<-- [end:question]

answer = tuple(x.shape)
print(f"`x.shape` is `{answer}`: (longest length, batch, features), because "
      f"`batch_first` defaults to False; with `batch_first=True` it would be "
      f"`{tuple(pad_sequence(seqs, batch_first=True).shape)}`.")
