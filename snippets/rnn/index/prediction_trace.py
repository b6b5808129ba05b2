"""The trained RNN followed by hand through its first two steps (docs/rnn/index.md)."""

if __name__ == "__main__":  # alone; on the page, experiment.py already ran in this session
    from experiment import CLASSES, rnn_model, x_test

# --8<-- [start:input-step-1]
import torch


def fmt(t: torch.Tensor) -> str:
    """A vector rounded to 2 decimals."""
    return "[" + ", ".join(f"{v:.2f}" for v in t.tolist()) + "]"


# the class each step announces
cues = x_test[:, :, :CLASSES].argmax(dim=-1)
with torch.no_grad():
    at_step_2 = rnn_model(x_test)[:, 1].argmax(dim=-1)
right_at_step_2 = at_step_2 == cues[:, 0]
# the first test sequence whose two cues differ (so memory
# matters) and that the RNN gets right
differ = cues[:, 0] != cues[:, 1]
sample = int((differ & right_at_step_2).nonzero()[0])
x1, x2 = x_test[sample, 0], x_test[sample, 1]
share = right_at_step_2.float().mean()
print(f"The RNN answers step 2 right for {share:.0%} of the "
      f"test sequences; we follow sequence {sample}, the first "
      "whose steps 1 and 2 announce different classes and "
      "that it gets right.\n")
print(f"Time step 1: `x_1 = {fmt(x1)}`\n")
cue = int(cues[sample, 0])
print(f"Its largest of features 0-2 is feature {cue}: class "
      f"{cue} is what the model must answer **at step 2**.")
# --8<-- [end:input-step-1]


# --8<-- [start:cell-step-1]
cell = rnn_model.encoder  # the trained nn.RNN
W_ih = cell.weight_ih_l0.detach()
W_hh = cell.weight_hh_l0.detach()
b_ih, b_hh = cell.bias_ih_l0.detach(), cell.bias_hh_l0.detach()


def step(x_t: torch.Tensor, h_prev: torch.Tensor):
    """One update: tanh(W_ih x_t + b_ih + W_hh h_prev + b_hh)."""
    return torch.tanh(W_ih @ x_t + b_ih + W_hh @ h_prev + b_hh)


h0 = torch.zeros(cell.hidden_size)  # nn.RNN's default h_0
h1 = step(x1, h0)
print(f"`h_1 = {fmt(h1)}`")
# --8<-- [end:cell-step-1]


# --8<-- [start:cell-step-2]
h2 = step(x2, h1)  # the same weights, now fed h_1
own = int(cues[sample, 1])
print(f"Step 2's own input announces class {own}, "
      "but h_2 also carries h_1:\n")
print(f"`h_2 = {fmt(h2)}`")
# --8<-- [end:cell-step-2]


# --8<-- [start:output-step-2]
with torch.no_grad():
    probabilities = torch.softmax(rnn_model.head(h2), dim=-1)
predicted = int(probabilities.argmax())
print(f"Class probabilities at step 2: `{fmt(probabilities)}`\n")
verdict = (
    "the class announced at step 1"
    if predicted == int(cues[sample, 0])
    else "not step 1's class"
)
print(f"Predicted class: **{predicted}**, {verdict}.")
# --8<-- [end:output-step-2]


# --8<-- [start:by-hand-equals-nn-rnn]
sequence = x_test[sample]
h, by_hand = h0, []
for x_t in sequence:  # all 10 steps, by hand
    h = step(x_t, h)
    by_hand.append(h)
with torch.no_grad():
    # the same sequence through nn.RNN
    from_module, _ = cell(sequence.unsqueeze(0))
gaps = torch.stack(by_hand) - from_module[0]
max_difference = gaps.abs().max().item()
within = "within" if max_difference < 1e-6 else "NOT within"
print(f"Largest difference over all {len(sequence)} steps: "
      f"`{max_difference:.1e}` ({within} 1e-6)")
# --8<-- [end:by-hand-equals-nn-rnn]
