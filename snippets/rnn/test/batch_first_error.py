"""Test question: find the error. The code as given, then each option's fix, really run (docs/rnn/test.md)."""

import torch

try:
    # --8<-- [start:question]
    rnn = torch.nn.RNN(
        input_size=5,
        hidden_size=8,
        batch_first=True,
    )
    # meant as seq_len=10, batch=4,
    # input_size=5
    x = torch.randn(10, 4, 5)
    # num_layers=1, batch=4, hidden_size=8
    h0 = torch.zeros(1, 4, 8)
    output, h_n = rnn(x, h0)
    # --8<-- [end:question]
except RuntimeError as error:
    print(f"The code as given raises `RuntimeError: {error}`\n")


def outcome(input_size=5, hidden_size=8, batch_first=True, layers=1) -> str:
    """Run the question's code with one change; 'runs' or the error it raises."""
    try:
        rnn = torch.nn.RNN(input_size=input_size, hidden_size=hidden_size, batch_first=batch_first)
        rnn(torch.randn(10, 4, 5), torch.zeros(layers, 4, hidden_size))
        return "runs"
    except RuntimeError as error:
        return f"RuntimeError: {error}"


fixes = {  # each option's claim, turned into the change it implies
    "A": ("input_size=4", dict(input_size=4)),
    "B": ("give h0 two layers", dict(layers=2)),
    "C": ("hidden_size=5, equal to input_size", dict(hidden_size=5)),
    "D": ("remove batch_first=True, so that dimension 0 of x is read as time", dict(batch_first=False)),
}
outcomes = {letter: outcome(**change) for letter, (_, change) in fixes.items()}
for letter, (what, _) in fixes.items():
    print(f"- **{letter}**, {what}: `{outcomes[letter]}`")
