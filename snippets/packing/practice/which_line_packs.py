"""Practice question: which line packs an unsorted padded batch? Each candidate is run (docs/packing/practice.md)."""

# --8<-- [start:question]
import torch
from torch.nn.utils.rnn import (
    pack_padded_sequence as pack,
    pad_packed_sequence as unpack,
)

torch.manual_seed(0)
x = torch.randn(3, 4, 1)  # padded
lengths = torch.tensor([2, 4, 1])
# --8<-- [end:question]

candidates = {
    "A": "pack(x, lengths, batch_first=True)",
    "B": "pack(x, lengths, batch_first=True, enforce_sorted=False)",
    "C": "unpack(x, batch_first=True)",
    "D": "pack(x, batch_first=True, enforce_sorted=False)",
}
outcomes = {}
for letter, line in candidates.items():
    try:
        eval(line)
        outcomes[letter] = "runs"
    except (RuntimeError, AttributeError, TypeError) as error:
        outcomes[letter] = f"{type(error).__name__}: {error}"
    print(f"- **{letter}** `{line}` → {outcomes[letter]}")
