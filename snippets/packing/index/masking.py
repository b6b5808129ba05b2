"""A loss per step on a padded batch: masked, ignore_index, and packed agree (docs/packing/index.md)."""

if __name__ == "__main__":  # alone; on the page, pipeline.py already ran in this session
    from pipeline import HIDDEN, lengths, nn, pack_padded_sequence, padded, rnn

# --8<-- [start:masking]
import torch
import torch.nn.functional as F
from IPython.display import Markdown, display
from torch.nn.utils.rnn import pack_sequence, pad_sequence

torch.manual_seed(2)
head = nn.Linear(HIDDEN, 2)  # two classes at every step
targets = [torch.randint(0, 2, (int(n),)) for n in lengths]
y = pad_sequence(targets, batch_first=True)  # 0 at pads: a class!
with torch.no_grad():
    scores = head(rnn(padded)[0])  # (batch, steps, 2)
    flat = scores.flatten(0, 1)
    per_step = F.cross_entropy(flat, y.flatten(), reduction="none")
    mask = torch.arange(padded.shape[1]) < lengths[:, None]
    every = per_step.mean()  # pads counted as steps
    masked = (per_step * mask.flatten()).sum() / mask.sum()
    y_ignore = pad_sequence(targets, batch_first=True,
                            padding_value=-100)  # ignore_index
    ignored = F.cross_entropy(flat, y_ignore.flatten())
    packed = pack_padded_sequence(padded, lengths, batch_first=True,
                                  enforce_sorted=False)
    packed_y = pack_sequence(targets, enforce_sorted=False).data
    on_packed = F.cross_entropy(head(rnn(packed)[0].data), packed_y)
losses = [("every position, pads too", every),
          ("masked, real steps only", masked),
          ("targets padded with -100", ignored),
          ("packed", on_packed)]
print(f"{int(mask.sum())} real steps of {mask.numel()} positions.\n")
table = []
table.append("| Loss | Value |")
table.append("|---|---:|")
for name, value in losses:
    table.append(f"| {name} | {value:.3f} |")
display(Markdown("\n".join(table)))
# --8<-- [end:masking]
