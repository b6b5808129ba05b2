"""Test question: what PyTorch's own message says enforce_sorted=True is for (docs/packing/test.md)."""

import textwrap

import torch
from torch.nn.utils.rnn import pack_padded_sequence

try:
    pack_padded_sequence(torch.zeros(2, 4, 1), torch.tensor([2, 4]), batch_first=True)
except RuntimeError as error:
    message = str(error)
print("```text\n" + textwrap.fill(f"RuntimeError: {message}", width=40) + "\n```")
reasons = {  # each option, and the words the message would use for it
    "When you need faster training on a GPU": "GPU",
    "When gradients must be exact": "gradient",
    "When you need ONNX exportability": "ONNX exportability",
    "When the batch holds only one sequence": "one sequence",
}
(answer,) = [option for option, words in reasons.items() if words in message]
