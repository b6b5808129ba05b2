"""Test question: which lengths the default enforce_sorted=True accepts. Each is run (docs/packing/test.md)."""

import torch
from torch.nn.utils.rnn import pack_padded_sequence

x = torch.zeros(3, 5, 1)  # a padded batch: 3 sequences, up to 5 steps
candidates = {"A": "[5, 3, 2]", "B": "[2, 3, 5]", "C": "[3, 5, 2]", "D": "[5, 2, 3]"}
outcomes = {}
for letter, lengths in candidates.items():
    try:
        pack_padded_sequence(x, torch.tensor(eval(lengths)), batch_first=True)
        outcomes[letter] = "runs"
    except RuntimeError as error:
        outcomes[letter] = f"RuntimeError: {str(error).split('.')[0]}."
    print(f"- **{letter}** lengths `{lengths}` → {outcomes[letter]}")
