"""One short test sequence through both trained models (docs/packing/index.md)."""

if __name__ == "__main__":  # alone; on the page, experiment.py already ran in this session
    from experiment import len_test, packed_model, pack_padded_sequence, padded_model, x_test, y_test

# --8<-- [start:pick-sequence]
import torch


def fmt(t: torch.Tensor) -> str:
    """A vector rounded to 2 decimals."""
    return "[" + ", ".join(f"{v:.2f}" for v in t.tolist()) + "]"


with torch.no_grad():
    padded_right = padded_model(x_test, len_test).argmax(dim=-1) == y_test
    packed_right = packed_model(x_test, len_test).argmax(dim=-1) == y_test
steps = x_test.shape[1]
# the first test sequence followed by at least half a sequence of padding that packing gets right
# and padding gets wrong
sample = int((packed_right & ~padded_right & (len_test <= steps // 2)).nonzero()[0])
n = int(len_test[sample])
x_last = x_test[sample, n - 1]
print(f"Sequence {sample} has **{n}** real steps, then {steps - n} steps of zeros.\n")
print(f"Its last real step: `x_{n} = {fmt(x_last)}`; the largest is feature "
      f"{int(x_last.argmax())}, so the label is **class {int(y_test[sample])}**.")
# --8<-- [end:pick-sequence]


# --8<-- [start:packed-h-n]
row, length = x_test[sample : sample + 1], len_test[sample : sample + 1]
with torch.no_grad():
    packed_row = pack_padded_sequence(row, length, batch_first=True, enforce_sorted=False)
    _, h_packed = packed_model.rnn(packed_row)
    packed_probabilities = torch.softmax(packed_model.head(h_packed[0, 0]), dim=-1)
packed_predicted = int(packed_probabilities.argmax())
print(f"`h_n = {fmt(h_packed[0, 0])}`, the state at step {n}\n")
print(f"Class probabilities `{fmt(packed_probabilities)}`: predicts **class {packed_predicted}**.")
# --8<-- [end:packed-h-n]


# --8<-- [start:padded-h-n]
with torch.no_grad():
    _, h_padded = padded_model.rnn(row)  # the plain tensor: all steps
    padded_probabilities = torch.softmax(padded_model.head(h_padded[0, 0]), dim=-1)
padded_predicted = int(padded_probabilities.argmax())
print(f"`h_n = {fmt(h_padded[0, 0])}`, the state after step {steps}\n")
print(f"Class probabilities `{fmt(padded_probabilities)}`: predicts **class {padded_predicted}**.")
# --8<-- [end:padded-h-n]


# --8<-- [start:output-at-last-real-step]
with torch.no_grad():
    every_step, _ = packed_model.rnn(row)  # the packed model's RNN over all steps, zeros included
at_last_real = (every_step[0, n - 1] - h_packed[0, 0]).abs().max().item()
at_padded_end = (every_step[0, -1] - h_packed[0, 0]).abs().max().item()
print(f"- output at step {n} vs packed `h_n`: gap `{at_last_real:.6f}` "
      f"({'within' if at_last_real < 1e-6 else 'NOT within'} 1e-6)")
print(f"- output at step {steps} vs packed `h_n`: gap `{at_padded_end:.2f}`")
# --8<-- [end:output-at-last-real-step]
