"""Test question: which lengths packing accepts for a CPU batch. Each is run (docs/packing/test.md)."""

import torch
from torch.nn.utils.rnn import pack_padded_sequence

x = torch.zeros(3, 4, 1)  # a padded batch on the CPU: 3 sequences, 4 steps
candidates = {
    "A": "[4, 2, 0]",
    "B": 'torch.tensor([4, 2, 1], device="meta")',
    "C": "[4, 2, 1]",
    "D": "torch.tensor([4, 2])",
}
outcomes = {}
for letter, lengths in candidates.items():
    try:
        pack_padded_sequence(x, eval(lengths), batch_first=True)
        outcomes[letter] = "runs"
    except RuntimeError as error:
        outcomes[letter] = f"RuntimeError: {error}"
    print(f"- **{letter}** `{lengths}` → {outcomes[letter]}")
