"""Practice question: which line creates a simple RNN layer? Each candidate is run (docs/rnn/practice.md)."""

import torch

candidates = {
    "A": "rnn = torch.nn.RNN(10, 20)",
    "B": "rnn = torch.nn.RNNLayer(10, 20)",
    "C": "rnn = torch.nn.SimpleRNN(10, 20)",
    "D": "rnn = torch.nn.RNN(input_size=20, 10)",
}
outcomes = {}
for letter, line in candidates.items():
    try:
        exec(line)
        outcomes[letter] = "runs"
    except (AttributeError, SyntaxError) as error:
        outcomes[letter] = f"{type(error).__name__}: {error.msg if isinstance(error, SyntaxError) else error}"
    print(f"- **{letter}** `{line}` → {outcomes[letter]}")
