"""Test question: the value pad_sequence fills the missing steps with (docs/packing/test.md)."""

# --8<-- [start:question]
import torch
from torch.nn.utils.rnn import (
    pad_sequence,
)

seqs = [torch.ones(3, 2),
        torch.ones(1, 2)]
x = pad_sequence(seqs)
# --8<-- [end:question]

filled = x[1:, 1]  # steps 2 and 3 of the second sequence (time first)
print(f"`x[:, 1]`, the second sequence, step by step:\n\n```text\n{x[:, 1].tolist()}\n```")
(answer,) = {float(v) for v in filled.flatten()}
