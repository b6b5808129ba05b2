"""Practice question: does the last state see the first word? RNN against last word only (docs/rnn/practice.md)."""

import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(5, 8, batch_first=True)
last_word = nn.Sequential(nn.Linear(5, 8), nn.Tanh())
x = torch.randn(1, 4, 5)  # 4 words, 5 features each
changed = x.clone()
changed[0, 0] += 1.0  # change the first word only

with torch.no_grad():
    rnn_gap = (rnn(changed)[0][0, -1] - rnn(x)[0][0, -1]).abs().max()
    word_gap = (last_word(changed[0, -1]) - last_word(x[0, -1])).abs().max()
print("Change the first word; how far does the last step's state move?\n")
print(f"- RNN, hidden state carried: `{rnn_gap.item():.3f}`")
print(f"- last word only: `{word_gap.item():.3f}`")
