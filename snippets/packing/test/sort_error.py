"""Test question: find the error. The code as given, then each option's fix, really run (docs/packing/test.md)."""

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

try:
    # --8<-- [start:question]
    torch.manual_seed(0)
    seqs = [torch.randn(2, 3),
            torch.randn(4, 3),
            torch.randn(3, 3)]
    lengths = torch.tensor([2, 4, 3])
    x = pad_sequence(seqs, batch_first=True)
    packed = pack_padded_sequence(
        x, lengths, batch_first=True)
    # --8<-- [end:question]
except RuntimeError as error:
    print(f"The code as given raises `RuntimeError`: {str(error).split('.')[0]}.\n")


def outcome(as_list=False, padding_value=None, batch_first=True, **options) -> str:
    """Run the question's code with one change; 'runs' or the error it raises."""
    pad_options = {} if padding_value is None else {"padding_value": padding_value}
    x = pad_sequence(seqs, batch_first=True, **pad_options)
    try:
        pack_padded_sequence(x, lengths.tolist() if as_list else lengths, batch_first=batch_first, **options)
        return "runs"
    except RuntimeError as error:
        return f"RuntimeError: {str(error).split('.')[0]}."


fixes = {  # each option's claim, turned into the change it implies
    "A": ("pass the lengths as a list", dict(as_list=True)),
    "B": ("pad with padding_value=0.0 explicitly", dict(padding_value=0.0)),
    "C": ("pass enforce_sorted=False", dict(enforce_sorted=False)),
    "D": ("drop batch_first=True when packing", dict(batch_first=False)),
}
outcomes = {letter: outcome(**change) for letter, (_, change) in fixes.items()}
for letter, (what, _) in fixes.items():
    print(f"- **{letter}**, {what}: {outcomes[letter]}")
