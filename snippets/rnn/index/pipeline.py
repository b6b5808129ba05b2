"""One seeded forward pass through the lesson's model, stage by stage (docs/rnn/index.md)."""

# --8<-- [start:model]
import torch
from IPython.display import Markdown, display
from torch import nn

torch.manual_seed(0)
x = torch.randn(10, 5)  # one sequence: 10 steps x 5 features
# a 2-D input is one unbatched sequence
rnn = nn.RNN(input_size=5, hidden_size=8)
head = nn.Linear(8, 3)  # hidden state -> scores for 3 classes

hidden_states, h_last = rnn(x)  # a hidden state per step
scores = head(hidden_states)  # class scores per step

stages = [  # name, what happens, its input, its output
    ("1. Input sequence", "raw features, one row per time step",
     x, x),
    ("2. RNN layer",
     "each step mixes its input with the previous hidden state",
     x, hidden_states),
    ("3. Output layer",
     "each hidden state mapped to 3 raw class scores",
     hidden_states, scores),
]
rows = ["| Stage | Output shape | What happens |", "|---|---|---|"]
for name, what, stage_in, stage_out in stages:
    shape = tuple(stage_out.shape)
    rows.append(f"| {name} | `{shape}` | {what} |")
display(Markdown("\n".join(rows)))
# --8<-- [end:model]


# --8<-- [start:sample]
def first_and_last_rows(t: torch.Tensor) -> str:
    """The first and last rows of a (steps, features)
    tensor, rounded to 2 decimals."""
    first, last = (
        ", ".join(f"{v:.2f}" for v in row) for row in (t[0], t[-1])
    )
    return f"[[{first}],\n ...,\n [{last}]]"


parts = []
for name, _, _, stage_out in stages:
    rows = first_and_last_rows(stage_out.detach())
    parts.append(f"**{name}**, output `{tuple(stage_out.shape)}`:")
    parts.append(f"```text\n{rows}\n```")

# the scores as probabilities: each row sums to 1
class_probabilities = torch.softmax(scores, dim=-1)
parts.append("Stage 3's values are raw scores (logits) of an "
             "untrained model; softmax turns each row into class "
             "probabilities:")
rows = first_and_last_rows(class_probabilities.detach())
parts.append(f"```text\n{rows}\n```")
display(Markdown("\n\n".join(parts)))
# --8<-- [end:sample]
