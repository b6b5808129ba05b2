"""A bidirectional RNN on the padded batch: the backward direction reads the pads first (docs/packing/index.md)."""

if __name__ == "__main__":  # alone; on the page, pipeline.py already ran in this session
    from pipeline import (
        FEATURES, HIDDEN, lengths, nn, pack_padded_sequence, pad_packed_sequence, padded, sequences,
    )

# --8<-- [start:bidirectional]
import torch
from IPython.display import Markdown, display

torch.manual_seed(1)
birnn = nn.RNN(FEATURES, HIDDEN, batch_first=True,
               bidirectional=True)
with torch.no_grad():
    out_padded, _ = birnn(padded)  # the plain padded tensor
    packed = pack_padded_sequence(padded, lengths, batch_first=True,
                                  enforce_sorted=False)
    out_packed, _ = pad_packed_sequence(birnn(packed)[0],
                                        batch_first=True)
    alone = [birnn(s.unsqueeze(0))[0][0] for s in sequences]


def gap(a: torch.Tensor, b: torch.Tensor) -> float:
    """The largest absolute difference."""
    return (a - b).abs().max().item()


fwd, bwd = slice(0, HIDDEN), slice(HIDDEN, 2 * HIDDEN)
rows = []
for i, n in enumerate(lengths.tolist()):
    rows.append((
        i, n,
        gap(out_padded[i, n - 1, fwd], alone[i][n - 1, fwd]),
        gap(out_padded[i, 0, bwd], alone[i][0, bwd]),
        gap(out_packed[i, 0, bwd], alone[i][0, bwd]),
    ))
forward_gap = max(forward for _, _, forward, _, _ in rows)
print("Forward half at `n−1`, padded, against each sequence run "
      f"alone: largest gap `{forward_gap:.3f}`.\n")
print("Backward half at step 0, against the sequence alone:\n")
table = ["| Seq | Padded gap | Packed gap |", "|---|---:|---:|"]
for i, n, _, backward, packed_backward in rows:
    table.append(f"| {i} ({n} long) | {backward:.3f} "
                 f"| {packed_backward:.3f} |")
display(Markdown("\n".join(table)))
# --8<-- [end:bidirectional]
