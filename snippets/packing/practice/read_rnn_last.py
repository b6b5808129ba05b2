"""Practice question: without packing, which slice is each last real step (docs/packing/practice.md)."""

# --8<-- [start:question]
import torch
from torch import nn
from torch.nn.utils.rnn import (
    pad_sequence,
)

torch.manual_seed(0)
rnn = nn.RNN(2, 3, batch_first=True)
lengths = torch.tensor([2, 5, 3])
seqs = [torch.randn(n, 2)
        for n in lengths]
x = pad_sequence(seqs, batch_first=True)
with torch.no_grad():
    out, h_n = rnn(x)  # not packed
# --8<-- [end:question]

with torch.no_grad():
    alone = torch.stack([rnn(s.unsqueeze(0))[1][0, 0] for s in seqs])
candidates = ["h_n[-1]", "out[:, -1]", "out[torch.arange(3), lengths - 1]",
              "out[:, lengths - 1]"]
matches = []
for expression in candidates:
    value = eval(expression)
    equal = value.shape == alone.shape and torch.allclose(value, alone, atol=1e-6)
    print(f"- `{expression}`: shape `{tuple(value.shape)}`, "
          f"each sequence's own last state? **{equal}**")
    if equal:
        matches.append(expression)
(answer,) = matches
