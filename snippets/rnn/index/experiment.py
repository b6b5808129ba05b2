"""The controlled experiment: an RNN and two memoryless models trained on the same task (docs/rnn/index.md)."""

# --8<-- [start:task]
import time

import torch
from torch import nn

STEPS, FEATURES, HIDDEN, CLASSES = 10, 5, 8, 3
CHANCE = round(1 / CLASSES, 3)  # the accuracy of guessing
NO_LABEL = -100  # cross_entropy's default ignore_index: step 1 has no past, so no label


def make_sequences(n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Random sequences; the class at step t is which of features 0-2 was largest at step t-1."""
    x = torch.randn(n, STEPS, FEATURES, generator=generator)
    cue = x[:, :, :CLASSES].argmax(dim=-1)  # the class each step announces
    y = torch.full((n, STEPS), NO_LABEL)
    y[:, 1:] = cue[:, :-1]  # ...but it is only asked for one step later
    return x, y


data = torch.Generator().manual_seed(0)
x_train, y_train = make_sequences(1000, data)
x_test, y_test = make_sequences(500, data)
print(f"train `{tuple(x_train.shape)}`, test `{tuple(x_test.shape)}` (sequences, steps, features)")
# --8<-- [end:task]


# --8<-- [start:models]
class SequenceClassifier(nn.Module):
    """Per-step class scores, with or without a hidden state carried across steps."""

    def __init__(self, memory: bool, hidden: int = HIDDEN) -> None:
        super().__init__()
        self.memory = memory
        if memory:  # h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)
            self.encoder = nn.RNN(FEATURES, hidden, batch_first=True)
        else:  # h_t = tanh(W x_t + b): the same step, but no h_(t-1)
            self.encoder = nn.Sequential(nn.Linear(FEATURES, hidden), nn.Tanh())
        self.head = nn.Linear(hidden, CLASSES)  # the same kind of output head for all

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.encoder(x)[0] if self.memory else self.encoder(x)
        return self.head(h)


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """Test loss and test accuracy over the labelled steps."""
    with torch.no_grad():
        scores = model(x)
    loss = nn.functional.cross_entropy(scores.reshape(-1, CLASSES), y.reshape(-1), ignore_index=NO_LABEL)
    labelled = y != NO_LABEL
    accuracy = (scores.argmax(dim=-1)[labelled] == y[labelled]).float().mean()
    return round(loss.item(), 3), round(accuracy.item(), 3)


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


rnn_parameters = parameter_count(SequenceClassifier(memory=True))
# the fair control: the narrowest memoryless model with at least as many parameters as the RNN
WIDER = next(h for h in range(HIDDEN, 10 * HIDDEN) if parameter_count(SequenceClassifier(False, h)) >= rnn_parameters)
MODELS = {  # name: (carries a hidden state?, hidden units)
    "RNN": (True, HIDDEN),
    "Memoryless": (False, HIDDEN),
    "Wider memoryless": (False, WIDER),
}
parameters = {name: parameter_count(SequenceClassifier(*spec)) for name, spec in MODELS.items()}
print("| Model | Hidden units | Parameters |")
print("|---|---:|---:|")
for name, (_, hidden) in MODELS.items():
    print(f"| {name} | {hidden} | {parameters[name]} |")
# --8<-- [end:models]


# --8<-- [start:training]
def train(memory: bool, hidden: int, epochs: int = 5) -> tuple[nn.Module, list[tuple[float, float]], float]:
    """Adam, batches of 50; the model, (test loss, test accuracy) after each epoch, CPU seconds."""
    torch.manual_seed(0)
    model = SequenceClassifier(memory, hidden)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    history = []
    cpu_start = time.thread_time()
    for _ in range(epochs):
        for batch in torch.randperm(len(x_train)).split(50):
            scores = model(x_train[batch])
            loss = nn.functional.cross_entropy(
                scores.reshape(-1, CLASSES), y_train[batch].reshape(-1), ignore_index=NO_LABEL
            )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        history.append(evaluate(model, x_test, y_test))
    return model, history, time.thread_time() - cpu_start


torch.set_num_threads(1)  # matrices this small train faster on one thread than on two
trained = {name: train(*spec) for name, spec in MODELS.items()}
rnn_model, rnn_history, _ = trained["RNN"]
memoryless_history = trained["Memoryless"][1]
wider_history = trained["Wider memoryless"][1]
# --8<-- [end:training]


# --8<-- [start:side-by-side]
import math

histories = {name: history for name, (_, history, _) in trained.items()}
tables = [
    ("Test accuracy", 1, 2, f"Guessing scores a test accuracy of {CHANCE:.2f}."),
    ("Test loss", 0, 3, f"Guessing evenly scores a test loss of ln {CLASSES} = {math.log(CLASSES):.3f}."),
]
for title, column, digits, guessing in tables:
    print(f"| Model | Parameters | {title} after epochs 1 to {len(rnn_history)} |")
    print("|---|---:|---|")
    for name, history in histories.items():
        per_epoch = ", ".join(f"{row[column]:.{digits}f}" for row in history)
        print(f"| {name} | {parameters[name]} | {per_epoch} |")
    print(f"\n{guessing}\n")

# what the accuracy table shows, rounded as it shows it
flat = [round(acc, 2) for name, history in histories.items() if name != "RNN" for _, acc in history]
near_chance = all(abs(acc - CHANCE) <= 0.10 for acc in flat)
counts = " and ".join(str(parameters[name]) for name in MODELS if name != "RNN")
print(
    f"{'Neither memoryless model leaves' if near_chance else 'A memoryless model leaves'} chance "
    f"({CHANCE:.2f}) in any epoch: with {counts} parameters, against the RNN's {parameters['RNN']}, "
    f"their test accuracy stays between {min(flat):.2f} and {max(flat):.2f}, "
    f"while the RNN's reaches {rnn_history[-1][1]:.2f}."
)
# --8<-- [end:side-by-side]
