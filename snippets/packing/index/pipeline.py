"""Three sequences of different lengths, padded into one batch, packed and run (docs/packing/index.md)."""

# --8<-- [start:three-sequences]
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

torch.manual_seed(0)
FEATURES, HIDDEN = 1, 4
lengths = torch.tensor([3, 5, 2])  # not sorted: real data rarely is
sequences = [torch.randn(int(n), FEATURES) for n in lengths]
padded = pad_sequence(sequences, batch_first=True)  # zeros after each shorter sequence

print(f"Lengths {lengths.tolist()} → one batch `{tuple(padded.shape)}` (batch, steps, features); "
      "each row is one sequence's feature, step by step:\n")
print("```text")
for i, n in enumerate(lengths.tolist()):
    values = ", ".join(f"{v:5.2f}" for v in padded[i, :, 0].tolist())
    print(f"{i}: [{values}]")
print("```")
padding = [f"{padded.shape[1] - n} in seq {i}" for i, n in enumerate(lengths.tolist()) if n < padded.shape[1]]
print(f"\nThe zeros after each sequence's own length are padding: {', '.join(padding)}.")
time_first = pad_sequence(sequences)  # default: batch_first=False
print(f"\nWithout `batch_first=True`, `pad_sequence` puts time first, "
      f"as `nn.RNN` does: `{tuple(time_first.shape)}` "
      "(steps, batch, features).")
# --8<-- [end:three-sequences]


# --8<-- [start:stages]
from IPython.display import Markdown, display

rnn = nn.RNN(FEATURES, HIDDEN, batch_first=True)
packed = pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
packed_output, h_n = rnn(packed)  # the RNN takes the PackedSequence as it is
output, out_lengths = pad_packed_sequence(packed_output, batch_first=True)

stages = [  # (stage, what comes out, its shape)
    ("1. pad_sequence", "padded", padded.shape),
    ("2. pack_padded_sequence", "packed.data", packed.data.shape),
    ("3. nn.RNN", "packed_output.data", packed_output.data.shape),
    ("3. nn.RNN", "h_n", h_n.shape),
    ("4. pad_packed_sequence", "output", output.shape),
]
table = []
table.append("| Stage → result | Shape |")
table.append("|---|---|")
for stage, result, shape in stages:
    table.append(f"| {stage} → `{result}` | `{tuple(shape)}` |")
display(Markdown("\n".join(table)))
print(f"\n`packed.batch_sizes` = `{packed.batch_sizes.tolist()}`: how many sequences are still "
      f"running at each step; together {int(packed.batch_sizes.sum())} real steps "
      f"of the {padded.shape[0] * padded.shape[1]} padded positions.")
# --8<-- [end:stages]
