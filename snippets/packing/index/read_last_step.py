"""Without packing: read the padded run's output at lengths - 1, trained like the others (docs/packing/index.md)."""

if __name__ == "__main__":  # alone; on the page, experiment.py already ran in this session
    from experiment import LastStepClassifier, packed_history, train, training_cpu_seconds

# --8<-- [start:read-last-step]
import torch
from IPython.display import Markdown, display


class ReadAtLastStep(LastStepClassifier):
    """The plain padded run, read at each sequence's last real step."""

    def forward(self, x, lengths):
        output, _ = self.rnn(x)  # every step, pads included
        last = output[torch.arange(len(x)), lengths - 1]
        return self.head(last)


read_model, read_history, read_cpu = train(packed=False,
                                           kind=ReadAtLastStep)
training_cpu_seconds += read_cpu
table = []
table.append("| Epoch | Packed accuracy | Read at n−1 accuracy |")
table.append("|---:|---:|---:|")
for epoch, (pk, rd) in enumerate(zip(packed_history, read_history), 1):
    table.append(f"| {epoch} | {pk[1]:.2f} | {rd[1]:.2f} |")
display(Markdown("\n".join(table)))
same = all(f"{pk[1]:.2f}" == f"{rd[1]:.2f}"
           for pk, rd in zip(packed_history, read_history))
print(f"\nSame test accuracy, as printed, at every epoch: **{same}**")
# --8<-- [end:read-last-step]
