"""The controlled experiment: an RNN and two memoryless models trained on the same task (docs/rnn/index.md)."""

# --8<-- [start:task]
import time

import torch
from IPython.display import Markdown, display
from torch import nn

STEPS, FEATURES, HIDDEN, CLASSES = 10, 5, 8, 3
CHANCE = round(1 / CLASSES, 3)  # the accuracy of guessing
NO_LABEL = -100  # cross_entropy's default ignore_index
# (step 1 has no past, so no label)


def make_sequences(n: int, generator: torch.Generator):
    """Random sequences; the class at step t is which of
    features 0-2 was largest at step t-1."""
    shape = (n, STEPS, FEATURES)
    x = torch.randn(shape, generator=generator)
    # the class each step announces...
    cue = x[:, :, :CLASSES].argmax(dim=-1)
    y = torch.full((n, STEPS), NO_LABEL)
    y[:, 1:] = cue[:, :-1]  # ...asked for one step later
    return x, y


data = torch.Generator().manual_seed(0)
x_train, y_train = make_sequences(1000, data)
x_test, y_test = make_sequences(500, data)
print(f"train `{tuple(x_train.shape)}`, "
      f"test `{tuple(x_test.shape)}` "
      "(sequences, steps, features)")
# --8<-- [end:task]


# --8<-- [start:models]
class SequenceClassifier(nn.Module):
    """Per-step class scores, with or without a hidden
    state carried across steps."""

    def __init__(self, memory: bool, hidden: int = HIDDEN):
        super().__init__()
        self.memory = memory
        if memory:  # the update with W_hh h_(t-1)
            self.encoder = nn.RNN(
                FEATURES, hidden, batch_first=True
            )
        else:  # tanh(W x_t + b): no h_(t-1)
            self.encoder = nn.Sequential(
                nn.Linear(FEATURES, hidden), nn.Tanh()
            )
        # the same kind of output head for all
        self.head = nn.Linear(hidden, CLASSES)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.encoder(x)  # nn.RNN returns (output, h_n)
        return self.head(h[0] if self.memory else h)


def per_step_loss(scores, y):
    """Cross-entropy over the labelled steps."""
    return nn.functional.cross_entropy(
        scores.reshape(-1, CLASSES),
        y.reshape(-1),
        ignore_index=NO_LABEL,
    )


def evaluate(model: nn.Module, x, y) -> tuple[float, float]:
    """Test loss and test accuracy, labelled steps only."""
    with torch.no_grad():
        scores = model(x)
    loss = per_step_loss(scores, y)
    labelled = y != NO_LABEL
    right = scores.argmax(dim=-1)[labelled] == y[labelled]
    accuracy = right.float().mean()
    return round(loss.item(), 3), round(accuracy.item(), 3)


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


rnn_parameters = parameter_count(SequenceClassifier(True))
# the fair control: the narrowest memoryless model with
# at least as many parameters as the RNN
WIDER = next(
    h
    for h in range(HIDDEN, 10 * HIDDEN)
    if parameter_count(SequenceClassifier(False, h))
    >= rnn_parameters
)
MODELS = {  # name: (carries a hidden state?, hidden units)
    "RNN": (True, HIDDEN),
    "Memoryless": (False, HIDDEN),
    "Wider memoryless": (False, WIDER),
}
parameters = {
    name: parameter_count(SequenceClassifier(*spec))
    for name, spec in MODELS.items()
}
rows = ["| Model | Hidden units | Parameters |", "|---|---:|---:|"]
for name, (_, hidden) in MODELS.items():
    rows.append(f"| {name} | {hidden} | {parameters[name]} |")
display(Markdown("\n".join(rows)))
# --8<-- [end:models]


# --8<-- [start:training]
def train(memory: bool, hidden: int, epochs: int = 5):
    """Adam, batches of 50. Returns the model, (test loss,
    test accuracy) after each epoch, and CPU seconds."""
    torch.manual_seed(0)
    model = SequenceClassifier(memory, hidden)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    history = []
    cpu_start = time.thread_time()
    for _ in range(epochs):
        order = torch.randperm(len(x_train))
        for batch in order.split(50):
            scores = model(x_train[batch])
            loss = per_step_loss(scores, y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        history.append(evaluate(model, x_test, y_test))
    return model, history, time.thread_time() - cpu_start


torch.set_num_threads(1)  # small matrices: one thread is faster
trained = {name: train(*spec) for name, spec in MODELS.items()}
rnn_model, rnn_history, _ = trained["RNN"]
memoryless_history = trained["Memoryless"][1]
wider_history = trained["Wider memoryless"][1]
# --8<-- [end:training]


# --8<-- [start:side-by-side]
import math

histories = {name: h for name, (_, h, _) in trained.items()}
guess = {
    "Test accuracy": f"Guessing scores {CHANCE:.2f}.",
    "Test loss": f"Guessing evenly scores ln {CLASSES}"
    f" = {math.log(CLASSES):.3f}.",
}
tables = [("Test accuracy", 1, 2), ("Test loss", 0, 3)]
n_epochs = len(rnn_history)
for title, column, digits in tables:
    rows = [
        f"| {title} | Epoch 1 | Epoch {n_epochs} |",
        "|---|---:|---:|",
    ]
    for name, history in histories.items():
        at_first, at_last = (
            f"{history[i][column]:.{digits}f}" for i in (0, -1)
        )
        rows.append(f"| {name} | {at_first} | {at_last} |")
    display(Markdown("\n".join(rows)))
    print(f"\n{guess[title]}\n")

# what the accuracy table shows, rounded as it shows it
others = [name for name in MODELS if name != "RNN"]
flat = [round(histories[n][i][1], 2) for n in others for i in (0, -1)]
near_chance = all(abs(a - CHANCE) <= 0.10 for a in flat)
counts = " and ".join(str(parameters[n]) for n in others)
which = "Neither memoryless model" if near_chance else (
    "A memoryless model"
)
print(
    f"{which} leaves chance ({CHANCE:.2f}): "
    f"with {counts} parameters, against the RNN's "
    f"{parameters['RNN']}, their test accuracy is between "
    f"{min(flat):.2f} and {max(flat):.2f}, while the RNN's "
    f"reaches {rnn_history[-1][1]:.2f}."
)
# --8<-- [end:side-by-side]
