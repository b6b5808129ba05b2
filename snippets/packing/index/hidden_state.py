"""h_n of a padded batch, of each sequence alone, and of the packed batch (docs/packing/index.md)."""

if __name__ == "__main__":  # alone; on the page, pipeline.py already ran in this session
    from pipeline import lengths, pack_padded_sequence, pad_packed_sequence, padded, rnn, sequences

# --8<-- [start:padded-h-n-differs]
import torch
from IPython.display import Markdown, display

with torch.no_grad():
    _, h_padded = rnn(padded)  # the padded batch as a plain tensor
    h_alone = [rnn(seq.unsqueeze(0))[1][0, 0]  # each one by itself
               for seq in sequences]


def gap(a: torch.Tensor, b: torch.Tensor) -> float:
    """The largest absolute difference between two hidden states."""
    return (a - b).abs().max().item()


steps = padded.shape[1]
padded_gaps = [gap(h_padded[0, i], h) for i, h in enumerate(h_alone)]
table = []
table.append("| Seq | Pad steps | h_n gap |")
table.append("|---|---:|---:|")
for i, (n, g) in enumerate(zip(lengths.tolist(), padded_gaps)):
    table.append(f"| {i} ({n} long) | {steps - n} | {g:.3f} |")
display(Markdown("\n".join(table)))
print("\nh_n gap: largest difference between `h_n` from the "
      "padded batch and from the sequence run alone.")
# --8<-- [end:padded-h-n-differs]


# --8<-- [start:packed-h-n-equals-alone]
packed = pack_padded_sequence(padded, lengths, batch_first=True,
                              enforce_sorted=False)
with torch.no_grad():
    packed_output, h_packed = rnn(packed)
packed_gaps = [gap(h_packed[0, i], h) for i, h in enumerate(h_alone)]
for i, g in enumerate(packed_gaps):
    verdict = "equal within 1e-6" if g < 1e-6 else "NOT equal"
    print(f"- sequence {i}: packed `h_n` vs alone, "
          f"gap `{g:.6f}`: **{verdict}**")
# --8<-- [end:packed-h-n-equals-alone]


# --8<-- [start:lengths-round-trip]
output, out_lengths = pad_packed_sequence(packed_output,
                                          batch_first=True)
print(f"Lengths in: `{lengths.tolist()}`, "
      f"lengths out: `{out_lengths.tolist()}`, "
      f"same order: **{torch.equal(out_lengths, lengths)}**\n")
pad_is_zero = all(bool((output[i, n:] == 0).all())
                  for i, n in enumerate(lengths.tolist()))
print(f"`output` is `{tuple(output.shape)}` again; "
      "every padded position holds zeros: "
      f"**{pad_is_zero}**")
# --8<-- [end:lengths-round-trip]


# --8<-- [start:enforce-sorted-error]
import textwrap

try:
    # enforce_sorted=True by default
    pack_padded_sequence(padded, lengths, batch_first=True)
except RuntimeError as error:
    sorted_error = f"RuntimeError: {error}"
print(f"With lengths `{lengths.tolist()}` and the default "
      "`enforce_sorted=True`:\n")
wrapped = textwrap.fill(sorted_error, width=40)  # fits a phone
print(f"```text\n{wrapped}\n```")
# --8<-- [end:enforce-sorted-error]


# --8<-- [start:read-at-last-step]
with torch.no_grad():
    output_padded, _ = rnn(padded)  # every step, pads included
read_gaps = [gap(output_padded[i, n - 1], h)
             for i, (n, h) in enumerate(zip(lengths.tolist(), h_alone))]
print("Against each sequence run alone:\n")
table = []
table.append("| Seq | Padded `h_n` gap | `output` at n−1 gap |")
table.append("|---|---:|---:|")
for i, n in enumerate(lengths.tolist()):
    table.append(f"| {i} ({n} long) | {padded_gaps[i]:.3f} "
                 f"| {read_gaps[i]:.3f} |")
display(Markdown("\n".join(table)))
# --8<-- [end:read-at-last-step]
