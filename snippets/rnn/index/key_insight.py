"""The Key insight, written from the lesson's results (docs/rnn/index.md)."""

# Run alone or imported; on the page, the sections above already ran.
from experiment import CHANCE, histories, parameters
from memory_sweep import BUDGETS, LONG, SHORT, acc, ratios

# --8<-- [start:key-insight]
from IPython.display import Markdown, display

rnn_final = histories["RNN"][-1][1]
others = [n for n in histories if n != "RNN"]
flat = sorted({f"{histories[n][-1][1]:.2f}" for n in others})
counts = " or ".join(str(parameters[n]) for n in others)
far = BUDGETS[LONG][-1]
mid = BUDGETS[LONG][0]
tip = [
    '!!! tip "Key insight"',
    "",
    "    RNNs handle sequences by carrying a hidden state from step "
    "to step. On a task where the answer at each step was announced "
    f"one step earlier, the RNN reached **{rnn_final:.2f}** accuracy "
    f"while models without a hidden state, with {counts} parameters, "
    f"stayed at {' and '.join(f'**{v}**' for v in flat)}, chance "
    f"level ({CHANCE:.2f}).",
    "",
    f"    That memory has limits at a given budget: a cue {mid} steps "
    f"back scored {acc[SHORT, mid]} after {SHORT} epochs and "
    f"{acc[LONG, mid]} after {LONG}; a cue {far} steps back "
    f"scored **{acc[LONG, far]}** even after {LONG}, with "
    f"{ratios[far]} of the last step's gradient reaching it.",
]
display(Markdown("\n".join(tip)))
# --8<-- [end:key-insight]
