"""Test question: the gradients' total norm after clip_grad_norm_ (docs/rnn/test.md)."""

# --8<-- [start:question]
import torch

w = torch.nn.Parameter(torch.zeros(2))
w.grad = torch.tensor([6.0, 8.0])
clip = torch.nn.utils.clip_grad_norm_
before = clip([w], max_norm=2.0)
after = w.grad.norm()
# --8<-- [end:question]

answer = f"{after.item():.1f}"
print(f"`clip_grad_norm_` returned `{before.item():.1f}`, the norm "
      f"before clipping; `w.grad` is now `{[round(g, 2) for g in w.grad.tolist()]}`, "
      f"norm **{answer}**, the same direction.")
