"""Many-to-one against many-to-many: what to read from nn.RNN for each (docs/rnn/index.md)."""

# --8<-- [start:readings]
import torch
from IPython.display import Markdown, display
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(5, 8, batch_first=True)
head = nn.Linear(8, 3)  # hidden state -> 3 class scores
x = torch.randn(4, 10, 5)  # 4 sequences of 10 steps
output, h_n = rnn(x)

readings = {  # what is read -> (scores, labels it needs)
    "`head(output)`": (head(output), torch.zeros(4, 10)),
    "`head(output[:, -1])`": (head(output[:, -1]), torch.zeros(4)),
    "`head(h_n[-1])`": (head(h_n[-1]), torch.zeros(4)),
}
rows = ["| Reading | Scores | Labels |", "|---|---|---|"]
for name, (read, labels) in readings.items():
    shapes = f"`{tuple(read.shape)}` | `{tuple(labels.shape)}`"
    rows.append(f"| {name} | {shapes} |")
display(Markdown("\n".join(rows)))

last_step, last_state = readings["`head(output[:, -1])`"][0], readings["`head(h_n[-1])`"][0]
readings_equal = torch.equal(last_step, last_state)
print(f"\nThe two many-to-one readings equal? **{readings_equal}**")
# --8<-- [end:readings]


# --8<-- [start:per-step-loss]
per_step = readings["`head(output)`"][0]  # (batch, steps, classes)
y_steps = torch.randint(0, 3, (4, 10))  # one label per step
# cross_entropy wants the classes in dimension 1
classes_first = per_step.transpose(1, 2)  # (batch, classes, steps)
loss_moved = nn.functional.cross_entropy(classes_first, y_steps)
loss_flat = nn.functional.cross_entropy(
    per_step.reshape(-1, 3), y_steps.reshape(-1)
)
print(f"- classes moved to dimension 1: loss `{loss_moved.item():.3f}`")
print(f"- steps flattened into the batch: loss `{loss_flat.item():.3f}`")
# --8<-- [end:per-step-loss]
