"""What nn.RNN takes and returns: layouts, output and h_n, layers, directions, parameters (docs/rnn/index.md)."""

# --8<-- [start:input-layouts]
import torch
from IPython.display import Markdown, display
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(input_size=5, hidden_size=8)  # default: time is dimension 0
rnn_bf = nn.RNN(input_size=5, hidden_size=8, batch_first=True)
layouts = {  # 2 sequences of 10 steps, 5 features each
    "seq-first (default)": (rnn, torch.randn(10, 2, 5)),
    "batch-first": (rnn_bf, torch.randn(2, 10, 5)),
    "unbatched": (rnn, torch.randn(10, 5)),
}
rows = ["| Layout and `x` | `output` | `h_n` |", "|---|---|---|"]
for name, (module, x) in layouts.items():
    output, h_n = module(x)
    shapes = f"`{tuple(output.shape)}` | `{tuple(h_n.shape)}`"
    rows.append(f"| {name}: `{tuple(x.shape)}` | {shapes} |")
display(Markdown("\n".join(rows) + "\n"))  # a blank line ends the table
# --8<-- [end:input-layouts]


# --8<-- [start:output-and-h-n]
x = layouts["seq-first (default)"][1]
output, h_n = rnn(x)  # output: every step, h_n: the last step
last = torch.equal(output[-1], h_n[-1])
first = torch.equal(output[0], h_n[-1])
print(f"- `torch.equal(output[-1], h_n[-1])`: **{last}**")
print(f"- `torch.equal(output[0], h_n[-1])`: **{first}**")
output_bf, h_n_bf = rnn_bf(layouts["batch-first"][1])
last_bf = torch.equal(output_bf[:, -1], h_n_bf[-1])
print("- with `batch_first=True`, "
      f"`torch.equal(output[:, -1], h_n[-1])`: **{last_bf}**")
# --8<-- [end:output-and-h-n]


# --8<-- [start:initial-state]
zeros = torch.zeros(1, 2, 8)  # (layers, batch, hidden), with or without batch_first
same = torch.equal(rnn(x)[0], rnn(x, zeros)[0])
print(f"- no `h_0` given, or `h_0` of zeros: same output? **{same}**")
rnn_bf(layouts["batch-first"][1], zeros)  # h_0 never follows batch_first
print(f"- with `batch_first=True`, `h_0` is still `{tuple(zeros.shape)}`: it runs")
try:
    rnn(torch.randn(10, 2, 4))  # 4 features, but input_size=5
except RuntimeError as error:
    print(f"- 4 features into `input_size=5`: `RuntimeError: {error}`")
# --8<-- [end:initial-state]


# --8<-- [start:layers-and-directions]
settings = {
    "`num_layers=2`": dict(num_layers=2),
    "`bidirectional`": dict(bidirectional=True),
    "both": dict(num_layers=2, bidirectional=True),
}
rows = ["| Setting | `output` | `h_n` |", "|---|---|---|"]
for name, options in settings.items():
    torch.manual_seed(0)
    module = nn.RNN(5, 8, **options)
    output, h_n = module(x)  # x: (10, 2, 5)
    shapes = f"`{tuple(output.shape)}` | `{tuple(h_n.shape)}`"
    rows.append(f"| {name} | {shapes} |")
display(Markdown("\n".join(rows) + "\n"))  # a blank line ends the table
# --8<-- [end:layers-and-directions]


# --8<-- [start:bidirectional-last-step]
torch.manual_seed(0)
bi = nn.RNN(5, 8, bidirectional=True)
output, h_n = bi(x)  # output: (10, 2, 16), h_n: (2, 2, 8)
forward, backward = output[..., :8], output[..., 8:]
checks = {
    "forward[-1], h_n[0]": (forward[-1], h_n[0]),
    "backward[0], h_n[1]": (backward[0], h_n[1]),
    "backward[-1], h_n[1]": (backward[-1], h_n[1]),
}
equal = {}
for pair, (a, b) in checks.items():
    equal[pair] = torch.equal(a, b)
    print(f"- `torch.equal({pair})`: **{equal[pair]}**")
# --8<-- [end:bidirectional-last-step]


# --8<-- [start:parameter-count]
def formula(inputs: int, hidden: int, layers: int = 1, directions: int = 1) -> tuple[str, int]:
    """hidden * (input + hidden + 2) per layer and direction; layer 2 reads layer 1's output."""
    sizes = [inputs] + [hidden * directions] * (layers - 1)
    terms = [f"{hidden}·({i}+{hidden}+2)" for i in sizes]
    text = " + ".join(terms) if directions == 1 else f"2·({' + '.join(terms)})"
    return text, directions * sum(hidden * (i + hidden + 2) for i in sizes)


rows = ["| `nn.RNN(...)` | Formula | `sum(p.numel())` |", "|---|---|---:|"]
sizes = [(5, 8, 1, False), (10, 4, 1, False), (3, 16, 1, False), (5, 8, 2, False), (5, 8, 1, True)]
for inputs, hidden, layers, bidirectional in sizes:
    module = nn.RNN(inputs, hidden, num_layers=layers, bidirectional=bidirectional)
    counted = sum(p.numel() for p in module.parameters())
    text, value = formula(inputs, hidden, layers, 2 if bidirectional else 1)
    extra = "".join([f", {layers} layers" if layers > 1 else "", ", bidir." if bidirectional else ""])
    rows.append(f"| `{inputs}, {hidden}`{extra} | {text} = {value} | {counted} |")
display(Markdown("\n".join(rows) + "\n"))  # a blank line ends the table

used = {}
for steps in (5, 100):  # one set of weights, reused at every step
    rnn(torch.randn(steps, 1, 5))
    used[steps] = sum(p.numel() for p in rnn.parameters())
display(Markdown(f"`nn.RNN(5, 8)` on 5 steps uses **{used[5]}** parameters; on 100 steps, **{used[100]}**."))
# --8<-- [end:parameter-count]


# --8<-- [start:unrolled-diagram]
def unrolled(inputs: int, hidden: int, steps: int) -> str:
    """An SVG of nn.RNN unrolled over time: x_t -> h_t through W_ih, h_(t-1) -> h_t through W_hh."""
    def sub(name: str, index: str) -> str:
        return f'{name}<tspan baseline-shift="sub" font-size="11">{index}</tspan>'

    def box(cx: int, cy: int, label: str) -> str:
        return (f'<rect x="{cx - 22}" y="{cy - 13}" width="44" height="26" rx="4" fill="none" stroke="currentColor"/>'
                f'<text x="{cx}" y="{cy + 4}" text-anchor="middle">{label}</text>')

    def arrow(x1: int, y1: int, x2: int, y2: int) -> str:
        return (f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="currentColor" '
                f'marker-end="url(#rnn-arrow)"/>')

    shown = [1, 2, steps]  # the first two steps, then the last
    xs = [100, 185, 290]
    parts = [box(30, 100, sub("h", "0")), '<text x="30" y="132" text-anchor="middle">zeros</text>']
    for t, cx in zip(shown, xs, strict=False):
        parts += [box(cx, 170, sub("x", str(t))), box(cx, 100, sub("h", str(t))), arrow(cx, 157, cx, 114),
                  arrow(cx, 87, cx, 44), f'<text x="{cx}" y="34" text-anchor="middle">output[{t - 1}]</text>']
    parts += [arrow(52, 100, 77, 100), arrow(122, 100, 162, 100), arrow(207, 100, 227, 100),
              '<text x="242" y="104" text-anchor="middle">…</text>', arrow(254, 100, 267, 100),
              f'<text x="{xs[0] + 6}" y="140">{sub("W", "ih")} {hidden}×{inputs}</text>',
              f'<text x="142" y="90" text-anchor="middle">{sub("W", "hh")}</text>',
              f'<text x="142" y="122" text-anchor="middle">{hidden}×{hidden}</text>',
              f'<text x="{xs[-1] + 26}" y="104">= {sub("h", "n")}</text>',
              f'<text x="180" y="206" text-anchor="middle">{sub("x", "t")}: {inputs} features · '
              f'{sub("h", "t")}: {hidden} units · {steps} steps</text>']
    label = (f"nn.RNN unrolled over {steps} steps: each input x_t of {inputs} features enters through W_ih "
             f"({hidden}×{inputs}), the previous hidden state through W_hh ({hidden}×{hidden}); "
             f"every h_t of {hidden} units is a row of output, and the last is h_n.")
    marker = ('<defs><marker id="rnn-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
              'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>')
    return (f'<svg viewBox="0 0 360 214" width="360" height="214" role="img" aria-label="{label}" '
            f'font-size="14" fill="currentColor">{marker}{"".join(parts)}</svg>')


steps, inputs = layouts["seq-first (default)"][1].shape[0], rnn.input_size
print(f'<figure class="lesson-plot">{unrolled(inputs, rnn.hidden_size, steps)}</figure>')
# --8<-- [end:unrolled-diagram]
