"""Vanishing and exploding gradients, and clip_grad_norm_ (docs/rnn/index.md)."""

# Run alone or imported; on the page, the sections above already ran in this session.
from memory_sweep import DISTANCES, gradient_ratio
from order import Recaller, recall_data

# --8<-- [start:recurrent-scale]
from itertools import pairwise

import torch
from IPython.display import Markdown, display

SCALE = 4  # W_hh multiplied by this: larger recurrent weights
SATURATED = 50  # far larger: tanh saturates


def untrained(scale: float) -> torch.nn.Module:
    """The recall RNN as initialised, W_hh times `scale`."""
    torch.manual_seed(0)
    model = Recaller()
    with torch.no_grad():
        model.rnn.weight_hh_l0.mul_(scale)
    return model


def largest_eigenvalue(model: torch.nn.Module) -> float:
    w_hh = model.rnn.weight_hh_l0.detach()
    return torch.linalg.eigvals(w_hh).abs().max().item()


def tanh_slope(model: torch.nn.Module, x) -> float:
    """The mean slope of tanh, 1 - h², over all steps."""
    with torch.no_grad():
        h = model.rnn(x)[0]
    return (1 - h**2).mean().item()


grow = {}  # scale -> distance -> ratio, rounded as shown
for scale in (1, SCALE, SATURATED):
    grow[scale] = {}
    for d in DISTANCES:
        _, (test_x, test_y) = recall_data(d)
        ratio = gradient_ratio(untrained(scale), test_x, test_y)
        grow[scale][d] = f"{ratio:.1e}"

radius = {s: f"{largest_eigenvalue(untrained(s)):.2f}" for s in grow}
_, (far_x, _) = recall_data(DISTANCES[-1])
slope = {s: f"{tanh_slope(untrained(s), far_x):.2f}" for s in grow}
rows = [
    "| Cue to question | Default `W_hh` "
    f"| `W_hh` × {SCALE} |",
    "|---:|---:|---:|",
]
for d in DISTANCES:
    steps = f"{d} step{'s' if d > 1 else ''}"
    rows.append(f"| {steps} | {grow[1][d]} | {grow[SCALE][d]} |")
display(Markdown("\n".join(rows)))


def trend(shown: dict) -> str:
    values = [float(v) for v in shown.values()]
    pairs = list(pairwise(values))
    if all(b < a for a, b in pairs):
        return "shrinks"
    if all(b > a for a, b in pairs):
        return "grows"
    return "goes up and down"


near, far = DISTANCES[0], DISTANCES[-1]
for scale in grow:
    name = "default" if scale == 1 else f"× {scale}"
    print(
        f"- `W_hh` {name} (largest eigenvalue magnitude "
        f"{radius[scale]}, mean tanh slope {slope[scale]}): "
        f"the ratio {trend(grow[scale])}, {grow[scale][near]} at "
        f"{near} step, {grow[scale][far]} at {far} steps."
    )
# --8<-- [end:recurrent-scale]


# --8<-- [start:clipping]
from torch import nn

MAX_NORM = 1.0
(train_x, train_y), _ = recall_data(far)


def total_norm(model: nn.Module) -> float:
    grads = [p.grad.flatten() for p in model.parameters()]
    return torch.cat(grads).norm().item()


norms = {}  # clipped? -> [(norm before, norm after), ...]
for clip in (False, True):
    model = untrained(SCALE)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    torch.manual_seed(0)
    batches = torch.randperm(len(train_x)).split(50)[:5]
    norms[clip] = []
    for batch in batches:
        loss = nn.functional.cross_entropy(
            model(train_x[batch]), train_y[batch]
        )
        optimizer.zero_grad()
        loss.backward()
        before = total_norm(model)
        if clip:  # rescale all gradients so their norm <= MAX_NORM
            nn.utils.clip_grad_norm_(model.parameters(), MAX_NORM)
        norms[clip].append((before, total_norm(model)))
        optimizer.step()

rows = ["| Update | Not clipped | Clipped run, before clipping |",
        "|---:|---:|---:|"]
pairs = zip(norms[False], norms[True], strict=True)
for i, ((_, plain), (before, _)) in enumerate(pairs):
    rows.append(f"| {i + 1} | {plain:.2f} | {before:.2f} |")
display(Markdown("\n".join(rows)))
after_clip = [f"{a:.2f}" for _, a in norms[True]]
print("\nThe clipped run's norms after clipping: "
      f"{', '.join(after_clip)}.")
unclipped = max(after for _, after in norms[False])
largest = max(after for _, after in norms[True])
print(f"\nLargest norm without clipping: **{unclipped:.2f}**; "
      f"after clipping: **{largest:.2f}**, at most "
      f"`max_norm={MAX_NORM}`.")
# --8<-- [end:clipping]
