"""Model quiz: which slice of a padded bidirectional RNN's output is a final state (docs/packing/index.md)."""

# --8<-- [start:question]
import torch
from torch import nn
from torch.nn.utils.rnn import (
    pad_sequence,
)

torch.manual_seed(0)
rnn = nn.RNN(2, 3, batch_first=True,
             bidirectional=True)
lengths = torch.tensor([4, 1, 3])
seqs = [torch.randn(n, 2)
        for n in lengths]
x = pad_sequence(seqs, batch_first=True)
with torch.no_grad():
    out, _ = rnn(x)  # not packed
# --8<-- [end:question]

with torch.no_grad():
    alone = [rnn(s.unsqueeze(0))[0][0] for s in seqs]
finals = {  # each direction's final state, run alone
    ":3": [a[n - 1, :3] for a, n in zip(alone, lengths)],  # forward ends at n-1
    "3:": [a[0, 3:] for a in alone],  # backward ends at step 0
}
candidates = ["out[i, lengths[i] - 1, :3]", "out[i, lengths[i] - 1, 3:]",
              "out[i, -1, 3:]", "out[i, 0, 3:]"]
matches = []
for expression in candidates:
    half = expression.split(", ")[-1].rstrip("]")
    equal = [torch.allclose(eval(expression), finals[half][i], atol=1e-6)
             for i in range(len(seqs))]
    print(f"- `{expression}`: matches the run alone for sequences "
          f"{[i for i, e in enumerate(equal) if e]}")
    if all(equal):
        matches.append(expression)
(answer,) = matches
