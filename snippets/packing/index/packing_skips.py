"""What packing skips: cell updates and FLOPs over the test set, counted (docs/packing/index.md)."""

if __name__ == "__main__":  # alone; on the page, experiment.py already ran in this session
    from experiment import FEATURES, HIDDEN, len_test, pack_padded_sequence, packed_model, x_test

# --8<-- [start:packing-skips]
import torch
from IPython.display import Markdown, display
from torch.utils.flop_counter import FlopCounterMode


def flops(run) -> int:
    """Floating-point operations PyTorch's counter sees in run()."""
    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        run()
    return counter.get_total_flops()


trained_rnn = packed_model.rnn
packed_test = pack_padded_sequence(x_test, len_test, batch_first=True,
                                   enforce_sorted=False)
counts = {  # run: (cell updates, FLOPs)
    "padded": (x_test.shape[0] * x_test.shape[1],
               flops(lambda: trained_rnn(x_test))),
    "packed": (int(packed_test.batch_sizes.sum()),
               flops(lambda: trained_rnn(packed_test))),
}
table = []
table.append("| Run over the test set | Cell updates | FLOPs |")
table.append("|---|---:|---:|")
for name, (updates, count) in counts.items():
    table.append(f"| {name} | {updates:,} | {count:,} |")
display(Markdown("\n".join(table)))
(pad_steps, pad_flops), (pk_steps, pk_flops) = counts.values()
print(f"\nPacking skips {1 - pk_steps / pad_steps:.0%} of the cell "
      f"updates and {1 - pk_flops / pad_flops:.0%} of the FLOPs.")
per_update = {pad_flops / pad_steps, pk_flops / pk_steps}
if len(per_update) == 1:  # the same cost for each update it keeps
    cost = per_update.pop()
    print(f"Each update costs {cost:.0f} FLOPs in both runs, "
          f"2 · {HIDDEN} · ({FEATURES} + {HIDDEN}) = "
          f"{2 * HIDDEN * (FEATURES + HIDDEN)}: the multiply-adds of "
          "W_ih·x and W_hh·h. Packing saves by not running the pad steps.")
# --8<-- [end:packing-skips]
