"""The lesson's controlled experiment, whole: one RNN classifier
trained padded and packed from the same weights (docs/packing/index.md)."""

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

torch.set_num_threads(1)  # as in the lesson
data = torch.Generator().manual_seed(0)


def make_sequences(n: int):
    """Label: the largest feature at the last real step."""
    lengths = torch.randint(1, 17, (n,), generator=data)
    seqs = [torch.randn(int(k), 3, generator=data) for k in lengths]
    labels = torch.stack([s[-1].argmax() for s in seqs])
    return pad_sequence(seqs, batch_first=True), lengths, labels


x, lens, y = make_sequences(500)
x_test, len_test, y_test = make_sequences(500)


class LastStep(nn.Module):
    def __init__(self, packed: bool) -> None:
        super().__init__()
        self.packed = packed
        self.rnn = nn.RNN(3, 8, batch_first=True)
        self.head = nn.Linear(8, 3)

    def forward(self, x, lengths):
        if self.packed:
            x = pack_padded_sequence(x, lengths, batch_first=True,
                                     enforce_sorted=False)
        return self.head(self.rnn(x)[1][0])


def accuracies(packed: bool, epochs: int = 5) -> list[float]:
    """Test accuracy after each epoch, rounded."""
    torch.manual_seed(0)  # same weights, same batches
    model = LastStep(packed)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
    history = []
    for _ in range(epochs):
        for batch in torch.randperm(len(x)).split(50):
            scores = model(x[batch], lens[batch])
            loss = nn.functional.cross_entropy(scores, y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            scores = model(x_test, len_test)
        right = scores.argmax(dim=-1) == y_test
        history.append(round(right.float().mean().item(), 2))
    return history


packed_history = accuracies(packed=True)
padded_history = accuracies(packed=False)
packed_accuracy = packed_history[-1]
padded_accuracy = padded_history[-1]
print(f"The lesson's experiment, 5 epochs, same data and weights: "
      f"packed **{packed_accuracy:.2f}** accuracy, padded "
      f"**{padded_accuracy:.2f}** (chance: {1 / 3:.2f}).\n")
print("Epoch to epoch, test accuracy:\n")
for name, history in [("packed", packed_history),
                      ("padded", padded_history)]:
    fell = [str(i + 1) for i in range(1, len(history))
            if history[i] < history[i - 1]]  # epoch i + 1
    moves = f"fell at epoch {', '.join(fell)}" if fell else "never fell"
    print(f"- {name}: {moves}")
