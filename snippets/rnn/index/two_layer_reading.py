"""Model quiz: which tensor equals output[:, -1] for a two-layer RNN (docs/rnn/index.md)."""

# --8<-- [start:question]
import torch

torch.manual_seed(0)
rnn = torch.nn.RNN(
    input_size=5,
    hidden_size=8,
    num_layers=2,
    batch_first=True,
)
x = torch.randn(4, 10, 5)
output, h_n = rnn(x)
last = output[:, -1]
# --8<-- [end:question]

candidates = ["h_n[0]", "h_n[-1]", "h_n[:, -1]", "output[-1]"]
matches = []
for expression in candidates:
    value = eval(expression)
    same = value.shape == last.shape and torch.equal(value, last)
    print(f"- `{expression}`: shape `{tuple(value.shape)}`, "
          f"equals `output[:, -1]`? **{same}**")
    if same:
        matches.append(expression)
(answer,) = matches
