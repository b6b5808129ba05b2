"""Test question: which input dimension is time by default? (docs/rnn/test.md)"""

import torch

torch.manual_seed(0)
rnn = torch.nn.RNN(input_size=5, hidden_size=8)  # default: batch_first=False
x = torch.randn(7, 3, 5)
output, h_n = rnn(x)

# Change position 0 along one dimension: along time, the change is carried to every later position.
carried = {}
for dim in (0, 1):
    changed = x.clone()
    changed.select(dim, 0).add_(1.0)
    new_output, _ = rnn(changed)
    later = (new_output - output).narrow(dim, 1, x.shape[dim] - 1)
    carried[dim] = bool(later.abs().max() > 1e-6)
    print(f"- change position 0 of dimension {dim}: later positions change? **{carried[dim]}**")
(time_dim,) = [dim for dim, was_carried in carried.items() if was_carried]
answer = f"dimension {time_dim}"
print(f"\nTime runs along **{answer}**: the input is `(seq_len, batch, input_size)`.")
