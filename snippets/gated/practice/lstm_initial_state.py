"""Practice: the only way to pass an LSTM its initial state. Each line is run (docs/gated/practice.md)."""

import torch
from torch import nn

torch.manual_seed(0)
lstm = nn.LSTM(3, 4)
x = torch.randn(6, 2, 3)
h0, c0 = torch.zeros(1, 2, 4), torch.zeros(1, 2, 4)
candidates = {
    "A": "lstm(x, h0)",
    "B": "lstm(x, (h0, c0))",
    "C": "lstm(x, h0, c0)",
    "D": "lstm(x, (h0, c0, c0))",
}
outcomes = {}
for letter, line in candidates.items():
    try:
        eval(line)
        outcomes[letter] = "runs"
    except (IndexError, RuntimeError, TypeError, ValueError) as error:
        message = str(error).splitlines()[0]
        outcomes[letter] = f"{type(error).__name__}: {message}"
    print(f"- **{letter}** `{line}` → {outcomes[letter]}")
