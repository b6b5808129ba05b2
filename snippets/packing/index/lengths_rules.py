"""pack_sequence, and the two rules packing's lengths follow (docs/packing/index.md)."""

if __name__ == "__main__":  # alone; on the page, pipeline.py already ran in this session
    from pipeline import lengths, pack_padded_sequence, padded, sequences

# --8<-- [start:pack-sequence]
import torch
from torch.nn.utils.rnn import pack_sequence

direct = pack_sequence(sequences, enforce_sorted=False)
via_pad = pack_padded_sequence(
    padded, lengths, batch_first=True, enforce_sorted=False
)
same_data = torch.equal(direct.data, via_pad.data)
same_sizes = torch.equal(direct.batch_sizes, via_pad.batch_sizes)
print("`pack_sequence` against `pad_sequence` then "
      "`pack_padded_sequence`:\n")
print(f"- same `data`, `{tuple(direct.data.shape)}`: **{same_data}**")
print(f"- same `batch_sizes`, `{direct.batch_sizes.tolist()}`: "
      f"**{same_sizes}**")
try:  # enforce_sorted=True by default here too
    pack_sequence(sequences)
    default_sorts = False
except RuntimeError:
    default_sorts = True
print(f"- lengths `{lengths.tolist()}`, default `enforce_sorted`: "
      f"raises RuntimeError: **{default_sorts}**")
# --8<-- [end:pack-sequence]


# --8<-- [start:lengths-rules]
import textwrap

x_sorted = padded[lengths.argsort(descending=True)]
sorted_lengths = torch.tensor([5, 3, 2])  # longest first
try:  # another device than the CPU: `meta` stands in for a GPU
    pack_padded_sequence(x_sorted, sorted_lengths.to("meta"),
                         batch_first=True)
except RuntimeError as error:
    device_error = f"RuntimeError: {error}"
try:  # the third sequence has no steps at all
    pack_padded_sequence(padded, torch.tensor([3, 5, 0]),
                         batch_first=True, enforce_sorted=False)
except RuntimeError as error:
    zero_error = f"RuntimeError: {error}"
for title, message in [("Lengths on another device", device_error),
                       ("A length of 0", zero_error)]:
    wrapped = textwrap.fill(message, width=40)  # fits a phone
    print(f"{title}:\n\n```text\n{wrapped}\n```\n")
# --8<-- [end:lengths-rules]
