"""The three cells side by side: inputs and outputs, parameter counts, one GRU step by hand (docs/gated/index.md)."""

# --8<-- [start:interfaces]
import torch
from IPython.display import Markdown, display
from torch import nn

torch.manual_seed(0)
x = torch.randn(2, 7, 4)  # batch 2, 7 steps, 4 features
cells = {
    "RNN": nn.RNN(4, 5, batch_first=True),
    "GRU": nn.GRU(4, 5, batch_first=True),
    "LSTM": nn.LSTM(4, 5, batch_first=True),
}
rows = ["| Cell | output | h_n |", "|---|---|---|"]
for name, cell in cells.items():
    output, state = cell(x)
    if name == "LSTM":
        h_n, c_n = state  # the LSTM's state is a pair
    else:
        h_n = state
    rows.append(
        f"| {name} | {tuple(output.shape)} "
        f"| {tuple(h_n.shape)} |"
    )
display(Markdown("\n".join(rows) + "\n"))

lstm_out, (h_n, c_n) = cells["LSTM"](x)
same = torch.equal(lstm_out[:, -1], h_n[0])
display(Markdown(
    f"Input `{tuple(x.shape)}`. Only the LSTM returns "
    f"`c_n`: `{tuple(c_n.shape)}`. Its last output "
    f"equals `h_n[0]`: **{same}**."
))
# --8<-- [end:interfaces]


# --8<-- [start:gru-by-hand]
def gru_step(gru: nn.GRU, x_t, h):
    """One step of PyTorch's GRU, from its weights."""
    W_ir, W_iz, W_in = gru.weight_ih_l0.chunk(3)
    W_hr, W_hz, W_hn = gru.weight_hh_l0.chunk(3)
    b_ir, b_iz, b_in = gru.bias_ih_l0.chunk(3)
    b_hr, b_hz, b_hn = gru.bias_hh_l0.chunk(3)
    r = torch.sigmoid(
        x_t @ W_ir.T + b_ir + h @ W_hr.T + b_hr)
    z = torch.sigmoid(
        x_t @ W_iz.T + b_iz + h @ W_hz.T + b_hz)
    n = torch.tanh(
        x_t @ W_in.T + b_in + r * (h @ W_hn.T + b_hn))
    return (1 - z) * n + z * h, z


gru = cells["GRU"]
h = torch.zeros(2, 5)  # nn.GRU's default h_0
with torch.no_grad():
    by_hand = []
    for t in range(x.shape[1]):
        h, z = gru_step(gru, x[:, t], h)
        by_hand.append(h)
    module_output, _ = gru(x)
gap = (torch.stack(by_hand, 1) - module_output).abs().max()
display(Markdown(
    f"Largest difference from `nn.GRU` over "
    f"{x.shape[1]} steps: {gap.item():.1e} "
    f"(within 1e-6: **{bool(gap < 1e-6)}**)."
))
# --8<-- [end:gru-by-hand]


# --8<-- [start:parameter-count]
GATES = {"RNN": 1, "GRU": 3, "LSTM": 4}  # weight blocks


def formula(cell: str, inputs: int, hidden: int) -> int:
    """One layer: each block has W_i, W_h, b_i, b_h."""
    return GATES[cell] * hidden * (inputs + hidden + 2)


def counted(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


rows = [
    "| Cell | Formula | Module |",
    "|---|---:|---:|",
]
n_in, n_h = 4, 5  # the sizes of the cells above
rnn_count = formula("RNN", n_in, n_h)
for name, cell in cells.items():
    by_formula = formula(name, n_in, n_h)
    assert by_formula == counted(cell)
    rows.append(
        f"| {name} | {GATES[name]} × {n_h} × {n_in + n_h + 2}"
        f" = {by_formula} | {counted(cell)} |"
    )
display(Markdown("\n".join(rows) + "\n"))
shapes = {
    name: tuple(cell.weight_ih_l0.shape)
    for name, cell in cells.items()
}
times = ", ".join(
    f"{name} {formula(name, n_in, n_h) // rnn_count}×"
    for name in cells)
display(Markdown(
    f"({n_in + n_h + 2} = {n_in} + {n_h} + 2.) "
    f"Against the RNN: {times}. "
    "`weight_ih_l0` stacks the blocks: "
    + ", ".join(f"{n} `{s}`" for n, s in shapes.items())
    + "."
))
# --8<-- [end:parameter-count]
