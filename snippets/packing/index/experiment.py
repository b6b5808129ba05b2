"""The controlled experiment: one RNN classifier trained padded and packed on the same data (docs/packing/index.md)."""

# --8<-- [start:task]
import time

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

MAX_LENGTH, FEATURES, HIDDEN, CLASSES = 16, 3, 8, 3


def make_sequences(n: int, gen: torch.Generator):
    """1 to MAX_LENGTH steps each; the label is the largest
    feature at the LAST real step."""
    lengths = torch.randint(1, MAX_LENGTH + 1, (n,), generator=gen)
    seqs = [torch.randn(int(k), FEATURES, generator=gen)
            for k in lengths]
    labels = torch.stack([s[-1].argmax() for s in seqs])
    return pad_sequence(seqs, batch_first=True), lengths, labels


data = torch.Generator().manual_seed(0)
x_train, len_train, y_train = make_sequences(500, data)
x_test, len_test, y_test = make_sequences(500, data)
mean_pads = (x_test.shape[1] - len_test).float().mean()
print(f"train `{tuple(x_train.shape)}`, test "
      f"`{tuple(x_test.shape)}` (sequences, steps, features), "
      f"lengths {int(len_test.min())} to {int(len_test.max())}: "
      f"on average **{mean_pads:.1f}** zero steps follow a test "
      "sequence's last real step.")
# --8<-- [end:task]


# --8<-- [start:models]
class LastStepClassifier(nn.Module):
    """Class scores from h_n; `packed`: is the RNN told the lengths?"""

    def __init__(self, packed: bool) -> None:
        super().__init__()
        self.packed = packed
        self.rnn = nn.RNN(FEATURES, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, CLASSES)

    def forward(self, x, lengths):
        if self.packed:  # h_n: each sequence's own last step
            x = pack_padded_sequence(x, lengths, batch_first=True,
                                     enforce_sorted=False)
        _, h_n = self.rnn(x)  # padded: after the pad steps too
        return self.head(h_n[0])


def evaluate(model, x, lengths, y) -> tuple[float, float]:
    """Test loss and accuracy, rounded."""
    with torch.no_grad():
        scores = model(x, lengths)
    loss = nn.functional.cross_entropy(scores, y)
    accuracy = (scores.argmax(dim=-1) == y).float().mean()
    return round(loss.item(), 3), round(accuracy.item(), 3)


torch.manual_seed(0)
padded_start = LastStepClassifier(packed=False).state_dict()
torch.manual_seed(0)
packed_start = LastStepClassifier(packed=True).state_dict()
same_start = all(torch.equal(padded_start[k], packed_start[k])
                 for k in padded_start)
print(f"Same weights at the start: **{same_start}**; "
      "the only difference is the packing.")
# --8<-- [end:models]


# --8<-- [start:training]
def train(packed: bool, epochs: int = 5, kind=LastStepClassifier):
    """Adam, batches of 50. Returns the model, (test loss, test accuracy)
    after each epoch, and the CPU seconds the loop took."""
    torch.manual_seed(0)  # same initial weights, same batch order for all
    model = kind(packed)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
    history = []
    cpu_start = time.thread_time()  # one torch thread: this one
    for _ in range(epochs):
        for batch in torch.randperm(len(x_train)).split(50):
            scores = model(x_train[batch], len_train[batch])
            loss = nn.functional.cross_entropy(scores, y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        history.append(evaluate(model, x_test, len_test, y_test))
    return model, history, time.thread_time() - cpu_start


torch.set_num_threads(1)  # faster for matrices this small
padded_model, padded_history, padded_cpu = train(packed=False)
packed_model, packed_history, packed_cpu = train(packed=True)
training_cpu_seconds = padded_cpu + packed_cpu
# --8<-- [end:training]


# --8<-- [start:side-by-side]
from IPython.display import Markdown, display

CHANCE = round(1 / CLASSES, 2)  # as printed
print(f"Chance accuracy with {CLASSES} classes: {CHANCE:.2f}\n")
for title, column in [("Test loss ↓", 0), ("Test accuracy ↑", 1)]:
    table = []
    table.append(f"| Epoch | Padded {title[5:]} | Packed {title[5:]} |")
    table.append("|---:|---:|---:|")
    digits = 3 if column == 0 else 2
    pairs = zip(padded_history, packed_history)
    for epoch, (padded_row, packed_row) in enumerate(pairs, 1):
        table.append(f"| {epoch} | {padded_row[column]:.{digits}f} "
                     f"| {packed_row[column]:.{digits}f} |")
    display(Markdown("\n".join(table) + "\n"))  # a blank line ends it
# --8<-- [end:side-by-side]


# --8<-- [start:key-insight]
from IPython.display import Markdown, display

padded_final = padded_history[-1][1]
packed_final = packed_history[-1][1]
display(Markdown(
    '!!! tip "Key insight"\n\n'
    "    A padded batch is one tensor, and an RNN reads every step of it: "
    "after a short sequence ends it keeps updating `h_n` through the "
    "zeros. Told the lengths with `pack_padded_sequence`, it stops each "
    "sequence at its own last step. Trained on the same data from the "
    "same weights, the packed model reached "
    f"**{packed_final:.2f}** accuracy on this task, the padded one "
    f"**{padded_final:.2f}** (chance: {CHANCE:.2f}): its `h_n` is read "
    "after the zeros, not at the step that holds the answer. One "
    "direction can also read `output` at `lengths - 1`; a bidirectional "
    "RNN needs packing, or its backward direction reads the pads first."
))
# --8<-- [end:key-insight]
