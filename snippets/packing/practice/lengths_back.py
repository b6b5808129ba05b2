"""Practice question: the lengths pad_packed_sequence returns (docs/packing/practice.md)."""

# --8<-- [start:question]
import torch
from torch import nn
from torch.nn.utils.rnn import (
    pack_padded_sequence,
    pad_packed_sequence,
)

torch.manual_seed(0)
rnn = nn.RNN(1, 4, batch_first=True)
x = torch.randn(3, 4, 1)  # padded
lengths = torch.tensor([2, 4, 1])
packed = pack_padded_sequence(
    x, lengths, batch_first=True,
    enforce_sorted=False)
out, lens = pad_packed_sequence(
    rnn(packed)[0], batch_first=True)
# --8<-- [end:question]

answer = lens.tolist()
print(f"`lens.tolist()` is `{answer}`.\n\nThe lengths that went in: `{lengths.tolist()}`.\n")
print(f"Inside the packed sequence they were sorted: `packed.sorted_indices` = "
      f"`{packed.sorted_indices.tolist()}`, undone by `unsorted_indices` = "
      f"`{packed.unsorted_indices.tolist()}`.")
