"""Which GRU hidden size matches an nn.RNN(10, 30) without exceeding it (docs/gated/index.md)."""

from torch import nn

budget = sum(p.numel() for p in nn.RNN(10, 30).parameters())
counts = {
    h: sum(p.numel() for p in nn.GRU(10, h).parameters())
    for h in (10, 15, 16, 30)
}
fits = {h: n for h, n in counts.items() if n <= budget}
best = max(fits, key=fits.get)
answer = f"hidden_size={best}"
for h, n in counts.items():
    print(f"- `nn.GRU(10, {h})`: {n:,} parameters "
          f"({'fits' if n <= budget else 'over'} {budget:,})")
