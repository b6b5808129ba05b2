"""Test question: the gradient 20 steps back when W_hh is scaled up (docs/rnn/test.md)."""

# --8<-- [start:question]
import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(5, 8, batch_first=True)
head = nn.Linear(8, 3)
with torch.no_grad():
    # 5 times the default
    rnn.weight_hh_l0.mul_(5)
x = torch.randn(200, 21, 5)
x.requires_grad_(True)
y = torch.randint(0, 3, (200,))
scores = head(rnn(x)[0][:, -1])
loss = nn.CrossEntropyLoss()
loss(scores, y).backward()
first = x.grad[:, 0].norm()
last = x.grad[:, -1].norm()
# --8<-- [end:question]

ratio = (first / last).item()
print(f"Gradient at step 1 ÷ at the last step: `{ratio:.1e}`")


def ratio_at(scale: float) -> float:
    """The same ratio, same seed and data, W_hh times `scale`."""
    torch.manual_seed(0)
    rnn = nn.RNN(5, 8, batch_first=True)
    head = nn.Linear(8, 3)
    with torch.no_grad():
        rnn.weight_hh_l0.mul_(scale)
    x_ = x.detach().clone().requires_grad_(True)
    scores = head(rnn(x_)[0][:, -1])
    nn.functional.cross_entropy(scores, y).backward()
    return (x_.grad[:, 0].norm() / x_.grad[:, -1].norm()).item()


default_ratio, saturated_ratio = ratio_at(1), ratio_at(50)
print(f"The same at the default `W_hh`: `{default_ratio:.1e}`; "
      f"at 50 times it, where tanh saturates: `{saturated_ratio:.1e}`.")
answer = (
    "Larger than at the last step" if ratio > 1
    else "Smaller than at the last step"
)
