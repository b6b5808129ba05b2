"""The lesson page (docs/rnn/index.md): what its snippets compute and what the built page shows."""

import itertools
import re

import matplotlib.pyplot as plt
import pytest
import torch
from bs4 import BeautifulSoup
from quiz_checks import questions, run_evidence
from torch import nn

from conftest import ROOT, run_lesson

SNIPPETS = ROOT / "snippets" / "rnn" / "index"
PAGE = ROOT / "docs" / "rnn" / "index.md"
FENCE = re.compile(r'^```python exec="on"([^\n]*)\n--8<-- "rnn/index/([^":]+)\.py:([^"]+)"\n```$', re.MULTILINE)


@pytest.fixture(scope="module")
def lesson() -> tuple[dict, dict[str, str]]:
    """The lesson's snippets run in page order in one namespace, what each printed, and the figures shown."""
    shown = []

    def show():  # what plt.show() would put on the page: the current figure
        shown.append(plt.gcf())

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plt, "show", show)
        namespace, printed = run_lesson("rnn/index.md")
    namespace["shown_figures"] = shown
    yield namespace, printed
    for figure in shown:
        plt.close(figure)


@pytest.fixture(scope="module")
def lesson_html(built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site / "rnn" / "index.html").read_text(), "html.parser")


def table_rows(markdown: str, header_start: str) -> list[list[str]]:
    """The cells of each body row of the first Markdown table whose header starts with `header_start`."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header_start}"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


# --- Model pipeline -------------------------------------------------------------------------------


def test_pipeline_goes_from_10x5_to_10x8_to_10x3(lesson):
    namespace, printed = lesson
    shapes = [(tuple(a.shape), tuple(b.shape)) for _, _, a, b in namespace["stages"]]
    assert shapes == [((10, 5), (10, 5)), ((10, 5), (10, 8)), ((10, 8), (10, 3))]
    assert [row[1] for row in table_rows(printed["pipeline"], "Stage")] == ["`(10, 5)`", "`(10, 8)`", "`(10, 3)`"]


def test_pipeline_samples_are_the_first_and_last_rows_rounded(lesson):
    namespace, printed = lesson
    for tensor in (namespace["scores"], namespace["class_probabilities"]):
        first, last = (", ".join(f"{v:.2f}" for v in row) for row in tensor.detach()[[0, -1]])
        assert f"[[{first}],\n ...,\n [{last}]]" in printed["pipeline"]


def test_stage_3_says_its_values_are_raw_scores_and_shows_their_softmax(lesson):
    namespace, printed = lesson
    assert "raw scores (logits) of an untrained model" in printed["pipeline"]
    probabilities = namespace["class_probabilities"].detach()
    assert torch.allclose(probabilities, torch.softmax(namespace["scores"].detach(), dim=-1))
    assert torch.allclose(probabilities.sum(dim=-1), torch.ones(10))


# --- Shapes, in and out ---------------------------------------------------------------------------

LAYOUTS = {  # name on the page: (batch_first, input shape) -> (output shape, h_n shape), by the docs' rule
    "seq-first (default)": (False, (10, 2, 5), (10, 2, 8), (1, 2, 8)),
    "batch-first": (True, (2, 10, 5), (2, 10, 8), (1, 2, 8)),
    "unbatched": (False, (10, 5), (10, 8), (1, 8)),
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_input_layout_returns_the_shapes_the_page_prints(lesson, name):
    batch_first, x_shape, output_shape, h_n_shape = LAYOUTS[name]
    output, h_n = nn.RNN(5, 8, batch_first=batch_first)(torch.randn(x_shape))
    assert (tuple(output.shape), tuple(h_n.shape)) == (output_shape, h_n_shape)
    row = [f"{name}: `{x_shape}`", f"`{output_shape}`", f"`{h_n_shape}`"]
    assert row in table_rows(lesson[1]["shapes"], "Layout")


@pytest.mark.parametrize(("inputs", "hidden", "steps", "batch"), [(5, 8, 10, 2), (3, 4, 1, 1), (7, 16, 30, 5)])
def test_output_holds_every_step_and_its_last_step_is_h_n(inputs, hidden, steps, batch):
    torch.manual_seed(0)
    x = torch.randn(steps, batch, inputs)
    rnn = nn.RNN(inputs, hidden)
    output, h_n = rnn(x)
    assert torch.equal(output[-1], h_n[-1])
    rnn_bf = nn.RNN(inputs, hidden, batch_first=True)
    output_bf, h_n_bf = rnn_bf(x.transpose(0, 1))
    assert torch.equal(output_bf[:, -1], h_n_bf[-1])


def test_page_shows_output_last_step_equal_to_h_n_from_its_run(lesson):
    printed = lesson[1]["shapes"]
    assert "- `torch.equal(output[-1], h_n[-1])`: **True**" in printed
    assert "- `torch.equal(output[0], h_n[-1])`: **False**" in printed
    assert "`torch.equal(output[:, -1], h_n[-1])`: **True**" in printed


def test_default_initial_state_is_zeros_and_never_follows_batch_first(lesson):
    torch.manual_seed(0)
    rnn, x = nn.RNN(5, 8), torch.randn(10, 2, 5)
    assert torch.equal(rnn(x)[0], rnn(x, torch.zeros(1, 2, 8))[0])
    assert not torch.equal(rnn(x)[0], rnn(x, torch.ones(1, 2, 8))[0])
    nn.RNN(5, 8, batch_first=True)(torch.randn(2, 10, 5), torch.zeros(1, 2, 8))  # runs
    printed = lesson[1]["shapes"]
    assert "same output? **True**" in printed
    assert "`h_0` is still `(1, 2, 8)`: it runs" in printed
    assert "Expected 5, got 4" in printed


@pytest.mark.parametrize(
    ("options", "output_shape", "h_n_shape"),
    [
        ({"num_layers": 2}, (10, 2, 8), (2, 2, 8)),
        ({"bidirectional": True}, (10, 2, 16), (2, 2, 8)),
        ({"num_layers": 2, "bidirectional": True}, (10, 2, 16), (4, 2, 8)),
    ],
)
def test_layers_and_directions_shapes(lesson, options, output_shape, h_n_shape):
    # output: (steps, batch, directions * hidden); h_n: (layers * directions, batch, hidden)
    output, h_n = nn.RNN(5, 8, **options)(torch.randn(10, 2, 5))
    assert (tuple(output.shape), tuple(h_n.shape)) == (output_shape, h_n_shape)
    rows = table_rows(lesson[1]["shapes"], "Setting")
    assert [f"`{output_shape}`", f"`{h_n_shape}`"] in [row[1:] for row in rows]


@pytest.mark.parametrize("inputs", [1, 5, 10])
@pytest.mark.parametrize("hidden", [1, 8, 20])
@pytest.mark.parametrize(("layers", "bidirectional"), [(1, False), (2, False), (1, True), (3, True)])
def test_parameter_formula_equals_the_modules_count(lesson, inputs, hidden, layers, bidirectional):
    module = nn.RNN(inputs, hidden, num_layers=layers, bidirectional=bidirectional)
    _, value = lesson[0]["formula"](inputs, hidden, layers, 2 if bidirectional else 1)
    assert value == sum(p.numel() for p in module.parameters())


def test_parameter_table_shows_formula_and_count_agreeing(lesson):
    rows = table_rows(lesson[1]["shapes"], "`nn.RNN(...)`")
    assert len(rows) >= 4
    for _, formula, counted in rows:
        assert formula.endswith(f"= {counted}")
    assert "on 5 steps uses **120** parameters; on 100 steps, **120**." in lesson[1]["shapes"]


def test_parameter_count_does_not_depend_on_sequence_length():
    rnn = nn.RNN(10, 20)
    before = [p.clone() for p in rnn.parameters()]
    for steps in (1, 5, 100):
        rnn(torch.randn(steps, 1, 10))
        assert sum(p.numel() for p in rnn.parameters()) == 20 * (10 + 20 + 2)
    assert all(torch.equal(a, b) for a, b in zip(before, rnn.parameters(), strict=False))


def test_unrolled_diagram_is_drawn_from_the_sizes_in_the_page_text_colour(lesson):
    svg = lesson[0]["unrolled"](7, 4, 12)
    drawn = BeautifulSoup(svg, "html.parser").get_text()  # the visible labels, not the aria-label
    assert "4×7" in drawn and "4×4" in drawn and "output[11]" in drawn and "x12" in drawn and "7 features" in drawn
    assert "currentColor" in svg and not re.search(r"#[0-9a-fA-F]{3,6}\b|\b(black|white)\b", svg)
    assert 'role="img"' in svg and "aria-label=" in svg
    printed = lesson[1]["shapes"]
    assert lesson[0]["unrolled"](5, 8, 10) in printed


# --- The controlled experiment --------------------------------------------------------------------


def test_rnn_reaches_at_least_090_accuracy_by_epoch_5(lesson):
    history = lesson[0]["rnn_history"]
    assert len(history) == 5
    assert history[-1][1] >= 0.90


@pytest.mark.parametrize("name", ["Memoryless", "Wider memoryless"])
def test_memoryless_models_stay_within_010_of_chance_every_epoch(lesson, name):
    namespace, _ = lesson
    assert namespace["CHANCE"] == pytest.approx(1 / 3, abs=1e-3)
    for _, accuracy in namespace["histories"][name]:
        assert abs(accuracy - namespace["CHANCE"]) <= 0.10


def test_wider_memoryless_model_has_at_least_the_rnns_parameters(lesson):
    namespace, _ = lesson
    count = namespace["parameter_count"]
    classifier = namespace["SequenceClassifier"]
    models = {name: classifier(*spec) for name, spec in namespace["MODELS"].items()}
    assert count(models["Wider memoryless"]) >= count(models["RNN"]) > count(models["Memoryless"])
    assert count(classifier(False, namespace["WIDER"] - 1)) < count(models["RNN"])  # the narrowest that is
    assert namespace["parameters"] == {name: count(model) for name, model in models.items()}


def test_side_by_side_tables_print_each_models_first_and_last_epoch(lesson):
    namespace, printed = lesson
    epochs = len(namespace["rnn_history"])
    for title, column, digits in [("Test accuracy", 1, 2), ("Test loss", 0, 3)]:
        assert f"| {title} | Epoch 1 | Epoch {epochs} |" in printed["experiment"]
        expected = [
            [name, f"{history[0][column]:.{digits}f}", f"{history[-1][column]:.{digits}f}"]
            for name, history in namespace["histories"].items()
        ]
        assert table_rows(printed["experiment"], title) == expected


def test_memoryless_sentence_agrees_with_the_accuracy_table(lesson):
    namespace, printed = lesson
    sentence = next(line for line in printed["experiment"].splitlines() if "memoryless model" in line)
    shown = [float(v) for row in table_rows(printed["experiment"], "Test accuracy")[1:] for v in row[1:]]
    low, high = re.search(r"is between ([\d.]+) and ([\d.]+)", sentence).groups()
    assert (float(low), float(high)) == (min(shown), max(shown))
    assert sentence.startswith("Neither memoryless model leaves chance")
    assert all(abs(v - namespace["CHANCE"]) <= 0.10 for v in shown)
    assert "with 75 and 147 parameters, against the RNN's 147" in sentence


# --- Training trace -------------------------------------------------------------------------------


def check_observation(sentence: str, rows: list[tuple[float, float]], epoch: int, chance: float) -> None:
    """Every claim in one row's observation, checked against the rounded values the table shows."""
    loss, accuracy = rows[epoch - 1]
    first_above = accuracy > 0.90 and all(a <= 0.90 for _, a in rows[: epoch - 1])
    assert ("First epoch above 0.90." in sentence) == first_above
    if "well above chance" in sentence:
        assert accuracy - chance > 0.10
    if "still near chance" in sentence:
        assert accuracy - chance <= 0.10
    if epoch > 1:
        prev_loss, prev_accuracy = rows[epoch - 2]
        drop = (prev_loss - loss) / prev_loss
        if "levels off" in sentence:
            assert 0 <= drop < 0.05
        if match := re.search(r"The loss rises \(\+(\d+)%\)", sentence):
            assert drop < 0 and int(match[1]) == round(-drop * 100)
        if "barely moves" in sentence:
            assert round(accuracy - prev_accuracy, 2) <= 0.01 and loss < prev_loss
        if match := re.search(r"(Steep|Slower) progress: the loss drops (\d+)%", sentence):
            assert int(match[2]) == round(drop * 100)
            assert (match[1] == "Steep") == (drop >= 0.25)
    assert re.search(r"levels off|rises|barely moves|progress|chance", sentence)


def test_each_observation_agrees_with_the_rounded_values_in_its_own_row(lesson):
    namespace, printed = lesson
    rows = table_rows(printed["training_trace"], "Epoch")
    assert [int(row[0]) for row in rows] == list(range(1, len(namespace["rnn_history"]) + 1))
    assert all(len(row) == 3 for row in rows)  # three columns fit a phone
    stated = [re.match(r"Accuracy (\d\.\d\d)\. ", row[2]) for row in rows]
    shown = [(float(row[1]), float(match[1])) for row, match in zip(rows, stated, strict=True)]
    assert shown == [(round(loss, 3), round(acc, 2)) for loss, acc in namespace["rnn_history"]]
    for epoch, (row, match) in enumerate(zip(rows, stated, strict=True), start=1):
        check_observation(row[2][match.end() :], shown, epoch, namespace["CHANCE"])


@pytest.mark.parametrize(
    "rows",
    [
        [("1.000", "0.40"), ("0.500", "0.80"), ("0.400", "0.91"), ("0.390", "0.95"), ("0.300", "0.96")],
        [("1.000", "0.95"), ("0.990", "0.95"), ("0.800", "0.99")],
        [("1.000", "0.35"), ("0.900", "0.50"), ("0.850", "0.50")],
        [("1.000", "0.40"), ("0.800", "0.60"), ("0.880", "0.58")],
    ],
    ids=["levels-off-and-slower", "above-090-at-once", "near-chance", "loss-rises"],
)
def test_observations_say_what_the_numbers_show(lesson, rows):
    observation, chance = lesson[0]["observation"], lesson[0]["CHANCE"]
    shown = [(float(loss), float(acc)) for loss, acc in rows]
    for epoch in range(1, len(rows) + 1):
        check_observation(observation(epoch, rows), shown, epoch, chance)


def test_observations_name_levelling_off_and_a_slower_pace(lesson):
    observation = lesson[0]["observation"]
    rows = [("1.000", "0.40"), ("0.500", "0.80"), ("0.400", "0.91"), ("0.390", "0.95")]
    assert observation(2, rows) == "Steep progress: the loss drops 50%."
    assert observation(3, rows) == "Slower progress: the loss drops 20%. First epoch above 0.90."
    assert observation(4, rows) == "The loss levels off."


def test_loss_bars_scale_with_the_loss(lesson):
    namespace, printed = lesson
    bars = re.findall(r"^ *([\d.]+) \|(\**)$", printed["training_trace"], flags=re.MULTILINE)
    losses = [loss for loss, _ in namespace["rnn_history"]]
    assert [float(v) for v, _ in bars] == [round(loss, 2) for loss in losses]
    lengths = [len(stars) for _, stars in bars]
    assert lengths[0] == namespace["BAR_WIDTH"] and lengths == sorted(lengths, reverse=True)


def test_plots_are_legible_on_a_phone_and_described(lesson):
    figures = lesson[0]["shown_figures"]
    assert len(figures) == 2  # the training curves and the memory sweep
    for figure in figures:
        width_inches = figure.get_size_inches()[0]
        px_per_pt = 350 / (width_inches * 72)  # the figure scaled to a phone's ~350 px of content
        sizes = [text.get_fontsize() for text in figure.findobj(plt.Text) if text.get_text() and text.get_visible()]
        assert min(sizes) * px_per_pt >= 11
        assert re.search(r"\d\.\d\d", figure.get_label())  # a description computed from the numbers


def test_chance_line_is_drawn_above_the_memoryless_lines(lesson):
    figure = lesson[0]["shown_figures"][0]
    accuracy_axes = next(ax for ax in figure.axes if ax.get_title() == "test accuracy")
    (chance,) = [line for line in accuracy_axes.lines if line.get_label() == "chance"]
    others = [line for line in accuracy_axes.lines if line is not chance]
    assert all(
        chance.get_zorder() > line.get_zorder() and chance.get_linewidth() > line.get_linewidth() for line in others
    )


# --- Prediction trace -----------------------------------------------------------------------------


def test_hand_recurrence_equals_nn_rnn_within_1e_6(lesson):
    namespace, printed = lesson
    assert namespace["max_difference"] < 1e-6
    assert "(within 1e-6)" in printed["prediction_trace"]


def test_trace_hidden_states_are_what_nn_rnn_returns(lesson):
    namespace, _ = lesson
    with torch.no_grad():
        outputs, _ = namespace["cell"](namespace["x_test"][namespace["sample"]].unsqueeze(0))
    assert torch.allclose(namespace["h1"], outputs[0, 0], atol=1e-6)
    assert torch.allclose(namespace["h2"], outputs[0, 1], atol=1e-6)


def test_trace_predicts_at_step_2_the_class_announced_at_step_1(lesson):
    namespace, printed = lesson
    cues = namespace["cues"][namespace["sample"]]
    assert cues[0] != cues[1]
    assert namespace["predicted"] == int(cues[0])
    assert (
        f"Predicted class: **{namespace['predicted']}**, the class announced at step 1." in printed["prediction_trace"]
    )


def test_trace_headings_count_time_steps_only():
    headings = re.findall(
        r"^### (.+)$", PAGE.read_text().split("## Prediction trace")[1].split("\n## ")[0], flags=re.MULTILINE
    )
    steps = [h for h in headings if re.search(r"\bstep\b", h, flags=re.IGNORECASE)]
    assert steps and all(h.startswith("Time step ") for h in steps)


# --- Where the memory ends ------------------------------------------------------------------------


def test_sweep_covers_at_least_4_distances_from_remembered_to_chance(lesson):
    namespace, _ = lesson
    sweep, chance, short = namespace["sweep"], namespace["CHANCE"], namespace["SHORT"]
    distances = namespace["BUDGETS"][short]
    assert len(distances) >= 4
    assert sweep[short, distances[0]][0] >= 0.85
    assert abs(sweep[short, distances[-1]][0] - chance) <= 0.10


def test_a_longer_budget_recalls_a_distance_the_short_one_did_not_and_not_the_farthest(lesson):
    namespace, printed = lesson
    sweep, chance, short, long = namespace["sweep"], namespace["CHANCE"], namespace["SHORT"], namespace["LONG"]
    mid, far = namespace["BUDGETS"][long]
    assert abs(sweep[short, mid][0] - chance) <= 0.10 < sweep[long, mid][0] - chance
    assert abs(sweep[long, far][0] - chance) <= 0.10
    acc = namespace["acc"]
    assert f"{mid} steps back rises from {acc[short, mid]} to {acc[long, mid]}" in printed["memory_sweep"]
    assert f"{far} steps back stays at chance with {long} epochs too ({acc[long, far]})" in printed["memory_sweep"]


def test_gradient_reaching_the_cue_falls_at_least_100_fold(lesson):
    namespace, _ = lesson
    sweep, short, distances = namespace["sweep"], namespace["SHORT"], namespace["DISTANCES"]
    assert sweep[short, distances[0]][1] / sweep[short, distances[-1]][1] >= 100


def test_gradient_ratio_is_the_cues_gradient_over_the_last_steps(lesson):
    namespace, _ = lesson
    torch.manual_seed(0)
    model = namespace["Recaller"]()
    x, y = namespace["make_recall"](64, 3, torch.Generator().manual_seed(1))
    x = x.requires_grad_(True)
    nn.functional.cross_entropy(model(x), y).backward()
    expected = (x.grad[:, 0].norm() / x.grad[:, -1].norm()).item()
    model.zero_grad()
    assert namespace["gradient_ratio"](model, x.detach(), y) == pytest.approx(expected)
    assert all(p.grad is None or not p.grad.any() for p in model.parameters())  # leaves the model as it was


def test_sweep_table_and_sentences_match_the_rounded_numbers(lesson):
    namespace, printed = lesson
    text, chance, short, long = printed["memory_sweep"], namespace["CHANCE"], namespace["SHORT"], namespace["LONG"]
    gradients = table_rows(text, "Cue to question | Gradient")
    rows = table_rows(text, "Cue to question | Accuracy")
    sweep = namespace["sweep"]
    assert [row[0] for row in gradients] == [row[0] for row in rows]
    for (distance, ratio), (_, at_short, at_long) in zip(gradients, rows, strict=True):
        d = int(distance.split()[0])
        assert ratio == f"{sweep[short, d][1]:.1e}" and at_short == f"{sweep[short, d][0]:.2f}"
        assert at_long == (f"{sweep[long, d][0]:.2f}" if (long, d) in sweep else "not run")
    rows = [[row[0], gradient[1], row[1]] for row, gradient in zip(rows, gradients, strict=True)]
    shown = [float(row[2]) for row in rows]
    trend = next(line for line in text.splitlines() if line.startswith(f"After {short} epochs"))
    steady = all(b < a for a, b in itertools.pairwise(shown))
    assert ("falls with every longer distance" in trend) == steady
    near, far = rows[0], rows[-1]
    assert f"{near[2]} with the cue {near[0].split()[0]} step back, {far[2]} with it" in trend
    assert (", which is chance" in trend) == (abs(float(far[2]) - chance) <= 0.10)
    if match := re.search(r"between (\d+) and (\d+) steps", trend):
        by_distance = {int(row[0].split()[0]): float(row[2]) for row in rows}
        low, high = int(match[1]), int(match[2])
        assert by_distance[low] - chance > 0.10 and abs(by_distance[high] - chance) <= 0.10
        assert [d for d in by_distance if low < d < high] == []


def test_key_insight_quotes_the_experiment_and_both_budgets(lesson):
    namespace, printed = lesson
    insight = printed["key_insight"]
    assert insight.startswith('!!! tip "Key insight"')
    rnn_final = namespace["rnn_history"][-1][1]
    assert f"the RNN reached **{rnn_final:.2f}**" in insight
    for name in ("Memoryless", "Wider memoryless"):
        assert f"**{namespace['histories'][name][-1][1]:.2f}**" in insight
        assert str(namespace["parameters"][name]) in insight
    acc, short, long = namespace["acc"], namespace["SHORT"], namespace["LONG"]
    mid, far = namespace["BUDGETS"][long]
    assert f"{acc[short, mid]} after {short} epochs and {acc[long, mid]} after {long}" in insight
    assert f"scored **{acc[long, far]}** even after {long}, with {namespace['ratios'][far]}" in insight


# --- The recurrent layer, outputs, order, gradients ------------------------------------------------


def test_the_update_written_out_is_what_nn_rnn_computes(lesson):
    namespace, printed = lesson
    assert namespace["gap"] < 1e-6
    assert f"Largest gap to `nn.RNN`: `{namespace['gap']:.1e}`" in printed["recurrent_layer"]
    rows = table_rows(printed["recurrent_layer"], "Name in the module")
    assert [row[2] for row in rows] == ["`(8, 5)`", "`(8, 8)`", "`(8,)`", "`(8,)`"]


@pytest.mark.parametrize("options", [{}, {"num_layers": 2}, {"num_layers": 3}])
def test_one_direction_last_step_of_output_is_the_top_layer_of_h_n(options):
    output, h_n = nn.RNN(5, 8, batch_first=True, **options)(torch.randn(3, 6, 5))
    assert torch.equal(output[:, -1], h_n[-1])


@pytest.mark.parametrize("layers", [1, 2])
def test_bidirectional_backward_half_of_h_n_is_at_step_0_not_the_last_step(lesson, layers):
    torch.manual_seed(0)
    hidden = 8
    output, h_n = nn.RNN(5, hidden, num_layers=layers, bidirectional=True)(torch.randn(7, 2, 5))
    forward, backward = output[..., :hidden], output[..., hidden:]
    assert torch.equal(forward[-1], h_n[-2]) and torch.equal(backward[0], h_n[-1])
    assert not torch.equal(backward[-1], h_n[-1])
    assert lesson[0]["equal"] == {
        "forward[-1], h_n[0]": True,
        "backward[0], h_n[1]": True,
        "backward[-1], h_n[1]": False,
    }


def test_many_to_one_and_many_to_many_readings(lesson):
    namespace, printed = lesson
    rows = table_rows(printed["outputs"], "Reading")
    assert [row[1:] for row in rows] == [["`(4, 10, 3)`", "`(4, 10)`"], ["`(4, 3)`", "`(4,)`"], ["`(4, 3)`", "`(4,)`"]]
    assert namespace["readings_equal"] is True and "equal? **True**" in printed["outputs"]
    assert namespace["loss_moved"].item() == pytest.approx(namespace["loss_flat"].item())


def test_the_order_blind_model_scores_the_same_on_shuffled_steps_and_the_rnn_does_not(lesson):
    namespace, printed = lesson
    rnn_kept, rnn_moved = namespace["order_scores"]["RNN"]
    blind_kept, blind_moved = namespace["order_scores"]["Order-blind"]
    assert blind_kept == blind_moved and namespace["blind_gap"] < 1e-5
    assert rnn_kept - rnn_moved > 0.10 and rnn_kept > blind_kept
    assert f"from {rnn_kept:.2f} to {rnn_moved:.2f}" in printed["order"]
    assert f"scores the same {blind_moved:.2f} both times" in printed["order"]


def test_larger_recurrent_weights_make_the_gradient_grow_with_distance(lesson):
    namespace, printed = lesson
    grow, scale = namespace["grow"], namespace["SCALE"]
    default, larger = ([float(v) for v in grow[s].values()] for s in (1, scale))
    assert default == sorted(default, reverse=True) and larger == sorted(larger)
    assert larger[-1] > 1 > default[0]
    assert "the ratio shrinks" in printed["gradients"] and "the ratio grows" in printed["gradients"]


def test_far_larger_recurrent_weights_saturate_tanh_and_the_gradient_vanishes_again(lesson):
    namespace, printed = lesson
    grow, slope, saturated, far = namespace["grow"], namespace["slope"], namespace["SATURATED"], namespace["far"]
    assert float(grow[saturated][far]) < float(grow[1][far]) < 1
    assert float(slope[saturated]) < float(slope[1]) / 2
    assert f"- `W_hh` × {saturated} (" in printed["gradients"]


def test_clipping_bounds_every_updates_gradient_norm(lesson):
    namespace, printed = lesson
    max_norm = namespace["MAX_NORM"]
    clipped = namespace["norms"][True]
    assert all(after <= max_norm + 1e-6 for _, after in clipped)
    assert any(before > max_norm for before, _ in clipped)  # clipping had something to do
    assert max(after for _, after in namespace["norms"][False]) > 10 * max_norm
    rows = table_rows(printed["gradients"], "Update")
    assert [row[2] for row in rows] == [f"{before:.2f}" for before, _ in clipped]
    assert [row[1] for row in rows] == [f"{after:.2f}" for _, after in namespace["norms"][False]]
    assert rows[0][1] == rows[0][2]  # same start: the first update's norms agree, as the page says
    after = ", ".join(f"{after:.2f}" for _, after in clipped)
    assert f"The clipped run's norms after clipping: {after}." in printed["gradients"]


# --- The built page -------------------------------------------------------------------------------


def test_page_fences_use_the_three_forms():
    fences = FENCE.findall(PAGE.read_text())
    assert len(fences) == PAGE.read_text().count('```python exec="on"')
    forms = {options.split(' session="rnn-index"')[0] for options, _, _ in fences}
    assert forms == {' source="tabbed-right"', ' source="above"', ""}
    # Without a Source tab: the key insight, and drawing code that only shapes the page (notebook: Markdown)
    bare = [(options, section) for options, _, section in fences if "source" not in options]
    assert all(section == "key-insight" or 'notebook="markdown"' in options for options, section in bare), bare


def test_every_result_tab_shows_something_and_definitions_show_their_code(lesson_html):
    fences = FENCE.findall(PAGE.read_text())
    blocks = [block for block in lesson_html.select(".tabbed-set") if not block.find_parent(class_="quiz")]
    assert len(blocks) == sum('source="tabbed-right"' in options for options, _, _ in fences)
    for block in blocks:
        assert [label.get_text() for label in block.select(".tabbed-labels label")] == ["Result", "Source"]
        result = block.select_one(".tabbed-block")
        assert result.get_text(strip=True) or result.find("svg"), block


def test_reader_facing_code_carries_no_remark_about_tests_or_builds():
    for _, file, section in FENCE.findall(PAGE.read_text()):
        text = (SNIPPETS / f"{file}.py").read_text()
        code = text.split(f"# --8<-- [start:{section}]")[1].split(f"# --8<-- [end:{section}]")[0]
        comments = " ".join(re.findall(r"#(.*)$", code, flags=re.MULTILINE))
        assert not re.search(
            r"\b(the tests?|tests? (check|read|assert)|pytest|asserted|builds?|markdown-exec|session)\b",
            comments,
            re.IGNORECASE,
        ), (file, section)


@pytest.mark.parametrize(
    "anchor",
    [
        "the-recurrent-layer-and-its-update",
        "model-pipeline",
        "shapes-in-and-out",
        "layers-and-directions",
        "counting-parameters",
        "the-rnn-unrolled-over-time",
        "why-a-controlled-experiment",
        "training-trace-epoch-by-epoch",
        "prediction-trace-by-hand",
        "many-to-one-and-many-to-many",
        "order-matters",
        "where-the-memory-ends",
        "vanishing-and-exploding-gradients",
        "clipping-the-gradients-norm",
        "key-insight",
    ],
)
def test_page_has_the_sections_questions_point_at(lesson_html, anchor):
    assert lesson_html.select_one(f"h2#{anchor}, h3#{anchor}")


def test_page_tables_hold_the_computed_numbers(lesson_html, lesson):
    namespace, _ = lesson
    rows = [[td.get_text() for td in tr.select("td")] for tr in lesson_html.select("table tr")]
    for name, history in namespace["histories"].items():
        assert [name, f"{history[0][1]:.2f}", f"{history[-1][1]:.2f}"] in rows
    sweep, short = namespace["sweep"], namespace["SHORT"]
    for distance in namespace["DISTANCES"]:
        accuracy, ratio, _ = sweep[short, distance]
        steps = f"{distance} step{'s' if distance > 1 else ''}"
        assert [steps, f"{ratio:.1e}"] in rows
        assert [steps, f"{accuracy:.2f}"] in [r[:2] for r in rows]


def test_model_quiz_has_three_questions_easy_to_medium_each_teaching_a_lesson_section(lesson_html):
    quiz = questions("rnn/index.md")
    assert len(quiz) == 3
    for question in quiz:
        assert lesson_html.select_one(f"h2#{question.teaches}, h3#{question.teaches}"), question.id


@pytest.mark.browser
def test_lesson_tables_and_figures_fit_a_phone(browser, served_site):
    context = browser.new_context(
        base_url=served_site, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    page.goto("rnn/")
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('.md-content table, .md-content figure, .md-content svg')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth)
            .map(e => e.tagName + ': ' + e.textContent.slice(0, 40))"""
    )
    context.close()
    assert too_wide == []


# --- Claims -------------------------------------------------------------------------------------


def test_every_prose_claim_holds_in_the_lessons_run(lesson):
    namespace = dict(lesson[0])
    claims = re.findall(r"^<!-- claim: (.+) -->$", PAGE.read_text(), flags=re.MULTILINE)
    assert claims
    for claim in claims:
        assert eval(claim, namespace), claim


@pytest.mark.parametrize("page", ["rnn/index.md", "rnn/practice.md", "rnn/test.md"])
def test_every_question_claim_holds_in_its_evidences_run(page):
    for question in questions(page):
        if not question.claims:
            continue
        namespace, _ = run_evidence(question)
        for part, expressions in question.claims.items():
            for claim in [expressions] if isinstance(expressions, str) else expressions:
                assert eval(claim, dict(namespace)), (question.id, part, claim)
