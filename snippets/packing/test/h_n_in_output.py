"""Test question: which slice of the unpacked output equals h_n (docs/packing/test.md)."""

# --8<-- [start:question]
import torch
from torch import nn
from torch.nn.utils.rnn import (
    pack_padded_sequence,
    pad_packed_sequence,
)

torch.manual_seed(0)
rnn = nn.RNN(1, 4, batch_first=True)
x = torch.randn(3, 5, 1)  # padded
lengths = torch.tensor([2, 5, 4])
packed = pack_padded_sequence(
    x, lengths, batch_first=True,
    enforce_sorted=False)
out_p, h_n = rnn(packed)
out, _ = pad_packed_sequence(
    out_p, batch_first=True)
# --8<-- [end:question]

candidates = ["out[torch.arange(3), -1][i]", "out[i, 0]", "out[-1, i]", "out[i, lengths[i] - 1]"]
matches = []
for expression in candidates:
    equal = all(torch.equal(eval(expression), h_n[0, i]) for i in range(len(lengths)))
    print(f"- `{expression}` equals `h_n[0, i]` for every i? **{equal}**")
    if equal:
        matches.append(expression)
(answer,) = matches
