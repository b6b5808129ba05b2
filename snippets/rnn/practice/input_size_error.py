"""Practice question: find the error. The code as given, then each option's fix, really run (docs/rnn/practice.md)."""

# --8<-- [start:evidence]
try:
    # --8<-- [start:question]
    import torch

    rnn = torch.nn.RNN(
        input_size=8,
        hidden_size=4,
    )
    # 5 steps, a batch of 3
    input_seq = torch.randn(5, 3, 10)
    output, hidden = rnn(input_seq)
    # --8<-- [end:question]
except RuntimeError as error:
    print(f"The code as given raises `RuntimeError: {error}`\n")


def outcome(features=10, unpack=True, **rnn_options) -> str:
    """Run the question's code with one change; 'runs' or the error it raises."""
    options = {"input_size": 8, "hidden_size": 4, **rnn_options}
    try:
        rnn = torch.nn.RNN(**options)
        result = rnn(torch.randn(5, 3, features))
        if unpack:
            output, hidden = result
        return "runs"
    except RuntimeError as error:
        return f"RuntimeError: {error}"


fixes = {  # each option's claim, turned into the change it implies
    "A": ("give the input 8 features", dict(features=8)),
    "B": ("pass num_layers=1", dict(num_layers=1)),
    "C": ("do not unpack the output", dict(unpack=False)),
    "D": ("make hidden_size larger than input_size", dict(hidden_size=16)),
}
outcomes = {letter: outcome(**change) for letter, (_, change) in fixes.items()}
for letter, (what, _) in fixes.items():
    print(f"- **{letter}**, {what}: `{outcomes[letter]}`")
# --8<-- [end:evidence]
