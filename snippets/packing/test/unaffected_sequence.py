"""Test question: which sequence's h_n padding leaves unchanged (docs/packing/test.md)."""

import torch
from torch.nn.utils.rnn import pad_sequence

torch.manual_seed(0)
rnn = torch.nn.RNN(1, 4, batch_first=True)
lengths = [2, 6, 4]
seqs = [torch.randn(n, 1) for n in lengths]
with torch.no_grad():
    _, h_padded = rnn(pad_sequence(seqs, batch_first=True))
    same = [torch.allclose(h_padded[0, i], rnn(s.unsqueeze(0))[1][0, 0], atol=1e-6)
            for i, s in enumerate(seqs)]
for n, equal in zip(lengths, same):
    print(f"- length {n}: padded `h_n` equals alone? **{equal}**")
kept = {n for n, equal in zip(lengths, same) if equal}
answer = ("Only the longest one" if kept == {max(lengths)}
          else "Only the shortest one" if kept == {min(lengths)}
          else "All three" if len(kept) == 3 else "None of them")
