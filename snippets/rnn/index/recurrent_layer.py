"""nn.RNN's weights and its update, before anything uses them (docs/rnn/index.md)."""

# --8<-- [start:weights]
import torch
from IPython.display import Markdown, display
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(input_size=5, hidden_size=8)

rows = ["| Name in the module | Term | Shape |", "|---|---|---|"]
terms = {
    "weight_ih_l0": "$W_{ih}$",
    "weight_hh_l0": "$W_{hh}$",
    "bias_ih_l0": "$b_{ih}$",
    "bias_hh_l0": "$b_{hh}$",
}
for name, p in rnn.named_parameters():
    rows.append(f"| `{name}` | {terms[name]} | `{tuple(p.shape)}` |")
display(Markdown("\n".join(rows)))
# --8<-- [end:weights]


# --8<-- [start:one-step]
x_1 = torch.randn(5)  # step 1: 5 features
h_0 = torch.zeros(8)  # no state before step 1
W_ih, W_hh = rnn.weight_ih_l0, rnn.weight_hh_l0
b_ih, b_hh = rnn.bias_ih_l0, rnn.bias_hh_l0

h_1 = torch.tanh(W_ih @ x_1 + b_ih + W_hh @ h_0 + b_hh)
output, h_n = rnn(x_1.unsqueeze(0))  # a sequence of 1 step
gap = (h_1 - output[0]).abs().max().item()
print(f"`h_1` has {h_1.numel()} values, one per hidden unit.")
print(f"Largest gap to `nn.RNN`: `{gap:.1e}`")
# --8<-- [end:one-step]
