"""The padding and packing lesson (docs/packing/index.md): its claims, checked against torch itself."""

import contextlib
import io
import re
import runpy
from unittest import mock

import matplotlib.pyplot as plt
import pytest
import torch
from bs4 import BeautifulSoup
from quiz_checks import questions
from torch.nn.utils.rnn import pack_padded_sequence, pack_sequence, pad_packed_sequence, pad_sequence

from conftest import ROOT, run_lesson

PAGE = ROOT / "docs" / "packing" / "index.md"
SNIPPETS = ROOT / "snippets" / "packing" / "index"


@pytest.fixture(scope="module")
def lesson() -> tuple[dict, dict[str, str], list]:
    """The lesson's snippets run in page order in one namespace, what each printed, the figures shown."""
    shown = []
    with mock.patch.object(plt, "show", side_effect=lambda: shown.append(plt.gcf())):
        namespace, printed = run_lesson("packing/index.md")
    yield namespace, printed, shown
    plt.close("all")


@pytest.fixture(scope="module")
def lesson_html(built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site / "packing" / "index.html").read_text(), "html.parser")


def normalise(text: str) -> str:
    return " ".join(text.split())


# -- Three sequences, one padded batch ----------------------------------------------------------


def test_three_sequences_of_different_unsorted_lengths_pad_into_one_batch(lesson):
    namespace, printed, _ = lesson
    lengths, sequences, padded = namespace["lengths"].tolist(), namespace["sequences"], namespace["padded"]
    assert len(sequences) == 3 and len(set(lengths)) == 3
    assert lengths != sorted(lengths, reverse=True), "the lengths must be unsorted, or enforce_sorted never bites"
    assert tuple(padded.shape) == (3, max(lengths), 1)
    for i, (sequence, n) in enumerate(zip(sequences, lengths, strict=False)):
        assert torch.equal(padded[i, :n], sequence)
        assert torch.equal(padded[i, n:], torch.zeros(max(lengths) - n, 1))
        values = ", ".join(f"{v:5.2f}" for v in padded[i, :, 0].tolist())
        assert f"{i}: [{values}]" in printed["pipeline"]


def test_pad_sequence_without_batch_first_is_time_first(lesson):
    namespace, printed, _ = lesson
    time_first, lengths = namespace["time_first"], namespace["lengths"]
    assert tuple(time_first.shape) == (int(lengths.max()), len(lengths), 1)
    assert torch.equal(time_first.transpose(0, 1), namespace["padded"])
    assert f"`{tuple(time_first.shape)}` (steps, batch, features)" in printed["pipeline"]


def test_stages_table_gives_each_stages_real_shape(lesson):
    namespace, printed, _ = lesson
    rows = re.findall(r"^\| (\d)\. (\S+) → `(\S+)` \| `(\([\d, ]+\))` \|$", printed["pipeline"], flags=re.MULTILINE)
    n_sequences, longest = namespace["padded"].shape[:2]
    real_steps = int(namespace["lengths"].sum())
    hidden = namespace["rnn"].hidden_size
    assert [(name, result, shape) for _, name, result, shape in rows] == [
        ("pad_sequence", "padded", f"({n_sequences}, {longest}, 1)"),
        ("pack_padded_sequence", "packed.data", f"({real_steps}, 1)"),
        ("nn.RNN", "packed_output.data", f"({real_steps}, {hidden})"),
        ("nn.RNN", "h_n", f"(1, {n_sequences}, {hidden})"),
        ("pad_packed_sequence", "output", f"({n_sequences}, {longest}, {hidden})"),
    ]


def test_pipeline_heading_counts_the_stages(lesson):
    stages = {stage.split(".")[0] for stage, _, _ in lesson[0]["stages"]}
    assert re.search(rf"^## Model pipeline: {len(stages)} stages", PAGE.read_text(), flags=re.MULTILINE)


# -- What padding does to h_n -------------------------------------------------------------------


def alone_and_padded(namespace) -> tuple[list[torch.Tensor], torch.Tensor]:
    """h_n of each sequence run alone, and of the padded batch, computed here from the lesson's RNN."""
    rnn = namespace["rnn"]
    with torch.no_grad():
        alone = [rnn(sequence.unsqueeze(0))[1][0, 0] for sequence in namespace["sequences"]]
        padded = rnn(pad_sequence(namespace["sequences"], batch_first=True))[1][0]
    return alone, padded


def test_padded_h_n_differs_from_alone_for_every_padded_sequence(lesson):
    namespace, printed, _ = lesson
    alone, padded = alone_and_padded(namespace)
    lengths = namespace["lengths"].tolist()
    for i, n in enumerate(lengths):
        gap = (padded[i] - alone[i]).abs().max().item()
        if n < max(lengths):
            assert gap > 1e-2, f"sequence {i} is padded, yet its h_n is its own"
        else:  # the page says: only the longest has no padding after it
            assert gap < 1e-6
        assert f"| {i} ({n} long) | {max(lengths) - n} | {gap:.3f} |" in printed["hidden_state"]


def test_packed_h_n_equals_alone_within_1e_6(lesson):
    namespace, printed, _ = lesson
    alone, _ = alone_and_padded(namespace)
    packed = pack_padded_sequence(namespace["padded"], namespace["lengths"], batch_first=True, enforce_sorted=False)
    with torch.no_grad():
        _, h_packed = namespace["rnn"](packed)
    for i, h in enumerate(alone):
        assert torch.allclose(h_packed[0, i], h, atol=1e-6, rtol=0)
    assert printed["hidden_state"].count("**equal within 1e-6**") == len(alone)
    assert "NOT equal" not in printed["hidden_state"]


def test_pad_packed_sequence_gives_the_lengths_back_in_order(lesson):
    namespace, printed, _ = lesson
    packed = pack_padded_sequence(namespace["padded"], namespace["lengths"], batch_first=True, enforce_sorted=False)
    with torch.no_grad():
        output, lengths_back = pad_packed_sequence(namespace["rnn"](packed)[0], batch_first=True)
    assert torch.equal(lengths_back, namespace["lengths"])
    assert torch.equal(output, namespace["output"])
    assert f"lengths out: `{lengths_back.tolist()}`, same order: **True**" in printed["hidden_state"]
    assert "every padded position holds zeros: **True**" in printed["hidden_state"]


def test_enforce_sorted_error_is_what_torch_raises(lesson):
    namespace, printed, _ = lesson
    with pytest.raises(RuntimeError) as raised:
        pack_padded_sequence(namespace["padded"], namespace["lengths"], batch_first=True)
    assert namespace["sorted_error"] == f"RuntimeError: {raised.value}"
    shown = printed["hidden_state"].split("```text\n")[1].split("\n```")[0]
    assert normalise(shown) == normalise(namespace["sorted_error"])
    assert max(len(line) for line in shown.splitlines()) <= 40


def test_page_shows_the_enforce_sorted_error_as_torch_raises_it(lesson_html, lesson):
    section = lesson_html.find(id="enforce-sorted").find_next("pre")
    assert normalise(section.get_text()) == normalise(lesson[0]["sorted_error"])


def test_output_at_lengths_minus_1_of_the_padded_run_is_each_sequences_own_h_n(lesson):
    namespace, printed, _ = lesson
    alone, padded_h_n = alone_and_padded(namespace)
    with torch.no_grad():
        output, _ = namespace["rnn"](pad_sequence(namespace["sequences"], batch_first=True))
    lengths = namespace["lengths"].tolist()
    for i, n in enumerate(lengths):
        assert torch.allclose(output[i, n - 1], alone[i], atol=1e-6, rtol=0)
        padded_gap = (padded_h_n[i] - alone[i]).abs().max().item()
        assert f"| {i} ({n} long) | {padded_gap:.3f} | 0.000 |" in printed["hidden_state"]


def test_pack_sequence_packs_the_list_as_pad_then_pack_does(lesson):
    namespace, printed, _ = lesson
    direct = pack_sequence(namespace["sequences"], enforce_sorted=False)
    via = pack_padded_sequence(namespace["padded"], namespace["lengths"], batch_first=True, enforce_sorted=False)
    assert torch.equal(direct.data, via.data) and torch.equal(direct.batch_sizes, via.batch_sizes)
    assert printed["lengths_rules"].count("**True**") == 3


def test_pack_sequence_also_wants_the_longest_first_by_default(lesson):
    namespace, printed, _ = lesson
    with pytest.raises(RuntimeError, match="sorted in decreasing order"):
        pack_sequence(namespace["sequences"])
    assert "raises RuntimeError: **True**" in printed["lengths_rules"]


def test_lengths_errors_are_the_ones_torch_raises(lesson):
    namespace, printed, _ = lesson
    x = torch.zeros(3, 5, 1)
    with pytest.raises(RuntimeError, match="should be a 1D CPU int64 tensor") as on_device:
        pack_padded_sequence(x, torch.tensor([5, 3, 2], device="meta"), batch_first=True)
    with pytest.raises(RuntimeError, match="greater than 0") as zero:
        pack_padded_sequence(x, torch.tensor([3, 5, 0]), batch_first=True, enforce_sorted=False)
    assert namespace["device_error"] == f"RuntimeError: {on_device.value}"
    assert namespace["zero_error"] == f"RuntimeError: {zero.value}"
    blocks = printed["lengths_rules"].split("```text\n")[1:]
    assert [normalise(b.split("\n```")[0]) for b in blocks] == [
        normalise(namespace["device_error"]),
        normalise(namespace["zero_error"]),
    ]


def test_bidirectional_padded_backward_differs_from_alone_and_packed_backward_does_not(lesson):
    namespace, printed, _ = lesson
    birnn, sequences, lengths = namespace["birnn"], namespace["sequences"], namespace["lengths"]
    hidden = birnn.hidden_size
    padded = pad_sequence(sequences, batch_first=True)
    with torch.no_grad():
        out_padded, _ = birnn(padded)
        packed = pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
        out_packed, _ = pad_packed_sequence(birnn(packed)[0], batch_first=True)
        for i, (sequence, n) in enumerate(zip(sequences, lengths.tolist(), strict=True)):
            alone = birnn(sequence.unsqueeze(0))[0][0]
            forward = (out_padded[i, n - 1, :hidden] - alone[n - 1, :hidden]).abs().max().item()
            backward = (out_padded[i, 0, hidden:] - alone[0, hidden:]).abs().max().item()
            assert forward < 1e-6, "reading at lengths - 1 recovers the forward direction"
            if n < max(lengths):
                assert backward > 1e-2, f"sequence {i}: the padded backward direction read pads first"
            else:
                assert backward < 1e-6
            assert torch.allclose(out_packed[i, :n], alone, atol=1e-6, rtol=0), "packed: both directions its own"
            assert f"| {i} ({n} long) | {backward:.3f} | 0.000 |" in printed["bidirectional"]
    assert "largest gap `0.000`" in printed["bidirectional"]


def test_masked_and_ignore_index_losses_are_the_packed_loss_and_the_unmasked_one_is_not(lesson):
    namespace, printed, _ = lesson
    masked, ignored, packed, every = (namespace[k].item() for k in ("masked", "ignored", "on_packed", "every"))
    assert abs(masked - packed) < 1e-6 and abs(ignored - packed) < 1e-6
    assert abs(every - packed) > 1e-2
    targets = namespace["targets"]
    assert int(namespace["mask"].sum()) == sum(len(t) for t in targets)
    for name, value in namespace["losses"]:
        assert f"| {name} | {value.item():.3f} |" in printed["masking"]


# -- The controlled experiment ------------------------------------------------------------------


def test_each_label_is_the_largest_feature_at_the_last_real_step(lesson):
    namespace, _, _ = lesson
    for x, lengths, y in [("x_train", "len_train", "y_train"), ("x_test", "len_test", "y_test")]:
        last = namespace[x][torch.arange(len(namespace[x])), namespace[lengths] - 1]
        assert torch.equal(last.argmax(dim=-1), namespace[y])


def test_most_test_sequences_are_followed_by_padding(lesson):
    namespace, printed, _ = lesson
    pads = namespace["x_test"].shape[1] - namespace["len_test"]
    assert (pads > 0).float().mean() >= 0.8
    assert f"on average **{pads.float().mean():.1f}** zero steps" in printed["experiment"]


def test_both_models_start_from_the_same_weights(lesson):
    namespace, printed, _ = lesson
    assert namespace["same_start"] is True
    assert "Same weights at the start: **True**" in printed["experiment"]


def test_packed_beats_padded_by_a_clear_margin(lesson):
    namespace, _, _ = lesson
    padded, packed = namespace["padded_history"], namespace["packed_history"]
    assert packed[-1][1] >= 0.90
    assert packed[-1][1] - padded[-1][1] >= 0.25
    ahead = all(pk[1] > pd[1] and pk[0] < pd[0] for pd, pk in zip(padded, packed, strict=True))
    assert ahead, "packed ahead at every epoch"


def test_side_by_side_tables_print_each_epochs_numbers(lesson):
    namespace, printed, _ = lesson
    histories = zip(namespace["padded_history"], namespace["packed_history"], strict=True)
    for epoch, (padded, packed) in enumerate(histories, start=1):
        assert f"| {epoch} | {padded[0]:.3f} | {packed[0]:.3f} |" in printed["experiment"]
        assert f"| {epoch} | {padded[1]:.2f} | {packed[1]:.2f} |" in printed["experiment"]


def test_key_insight_quotes_the_experiments_final_accuracies(lesson):
    namespace, printed, _ = lesson
    padded, packed = namespace["padded_history"][-1][1], namespace["packed_history"][-1][1]
    insight = printed["experiment"][printed["experiment"].index('!!! tip "Key insight"') :]
    assert f"the packed model reached **{packed:.2f}** accuracy" in insight
    assert f"the padded one **{padded:.2f}** (chance: {namespace['CHANCE']:.2f})" in insight
    assert packed - padded >= 0.25  # and the claim is true of those numbers


def test_reading_at_lengths_minus_1_trains_like_packing(lesson):
    namespace, printed, _ = lesson
    read, packed = namespace["read_history"], namespace["packed_history"]
    assert [f"{a:.2f}" for _, a in read] == [f"{a:.2f}" for _, a in packed]
    assert all(abs(r[0] - p[0]) < 1e-2 for r, p in zip(read, packed, strict=True))
    assert "at every epoch: **True**" in printed["read_last_step"]


def test_packing_skips_the_pad_steps_and_their_flops(lesson):
    namespace, printed, _ = lesson
    (pad_steps, pad_flops), (packed_steps, packed_flops) = namespace["counts"].values()
    x_test, len_test = namespace["x_test"], namespace["len_test"]
    assert pad_steps == x_test.shape[0] * x_test.shape[1] and packed_steps == int(len_test.sum())
    rnn = namespace["packed_model"].rnn
    per_step = 2 * (rnn.input_size * rnn.hidden_size + rnn.hidden_size**2)  # two matrix products a step
    assert pad_flops == per_step * pad_steps and packed_flops == per_step * packed_steps
    assert f"skips {1 - packed_steps / pad_steps:.0%} of the cell updates" in printed["packing_skips"]


# -- Training trace -----------------------------------------------------------------------------


def test_observations_are_read_off_the_rounded_numbers_and_the_row_above(lesson):
    observation = lesson[0]["observation"]
    history = [(1.0, 0.50), (0.50, 0.80), (0.45, 0.85), (0.44, 0.86), (0.50, 0.70), (0.45, 0.70)]
    assert observation(1, history) == "Accuracy 0.50, 0.17 above chance (0.33)."
    assert observation(2, history) == "Loss falls sharply (-50%); accuracy 0.80 (+0.30)."
    assert observation(3, history) == "Loss keeps falling (-10%); accuracy 0.85 (+0.05)."
    assert observation(4, history) == "Loss levels off (-2%); accuracy 0.86 (+0.01)."
    assert observation(5, history) == "Loss rises (+14%); accuracy 0.70 (-0.16)."
    assert observation(6, history) == "Loss falls (-10%); accuracy 0.70 (+0.00).", "no 'keeps' after a rise"
    # what the table shows: 0.386 prints 0.39, 0.506 prints 0.51, so the sentences use 0.39 and 0.51
    unrounded = [(1.0, 0.386), (0.9, 0.506), (0.8, 0.554)]
    assert observation(1, unrounded) == "Accuracy 0.39, 0.06 above chance (0.33)."
    assert observation(3, unrounded) == "Loss keeps falling (-11%); accuracy 0.55 (+0.04)."


def test_loss_bars_scale_with_the_loss(lesson):
    namespace, printed, _ = lesson
    bars = re.findall(r"^ *([\d.]+) \|(\**)$", printed["training_trace"], flags=re.MULTILINE)
    losses = [loss for loss, _ in namespace["packed_history"] + namespace["padded_history"]]
    assert [float(v) for v, _ in bars] == [round(loss, 2) for loss in losses]
    largest = max(losses)
    assert [len(stars) for _, stars in bars] == [round(loss / largest * namespace["BAR_WIDTH"]) for loss in losses]


def test_plot_is_shown_once_with_both_curves_and_a_label_from_the_numbers(lesson):
    namespace, printed, shown = lesson
    (figure,) = shown
    _loss_ax, accuracy_ax = figure.axes
    curves = {line.get_label(): list(line.get_ydata()) for line in accuracy_ax.get_lines()}
    assert curves["packed"] == [acc for _, acc in namespace["packed_history"]]
    assert curves["padded"] == [acc for _, acc in namespace["padded_history"]]
    label = figure.get_label()
    assert f"packed model reaches {namespace['packed_history'][-1][1]:.2f}" in label
    assert f"the padded one {namespace['padded_history'][-1][1]:.2f}" in label
    assert printed["training_trace"].rstrip().endswith(label)  # the caption, printed after plt.show()


# -- Prediction trace ---------------------------------------------------------------------------


def test_trace_follows_a_short_sequence_packing_gets_right_and_padding_wrong(lesson):
    namespace, printed, _ = lesson
    sample, y = namespace["sample"], int(namespace["y_test"][namespace["sample"]])
    assert namespace["n"] <= namespace["x_test"].shape[1] // 2
    assert namespace["packed_predicted"] == y != namespace["padded_predicted"]
    with torch.no_grad():
        x, lengths = namespace["x_test"][sample : sample + 1], namespace["len_test"][sample : sample + 1]
        assert int(namespace["packed_model"](x, lengths).argmax()) == y
        assert int(namespace["padded_model"](x, lengths).argmax()) != y
    assert f"predicts **class {y}**" in printed["prediction_trace"]


def test_packed_h_n_is_the_padded_runs_output_at_the_last_real_step(lesson):
    namespace, printed, _ = lesson
    assert namespace["at_last_real"] < 1e-6
    assert namespace["at_padded_end"] > 0.1
    assert "(within 1e-6)" in printed["prediction_trace"]


def test_no_heading_says_step_where_steps_mean_time_steps():
    headings = re.findall(r"^#+ .*$", PAGE.read_text(), flags=re.MULTILINE)
    assert not [h for h in headings if re.search(r"\bStep \d", h)], "a 'Step n' heading reads as a time step"


# -- The built page -----------------------------------------------------------------------------


def test_page_tables_hold_the_computed_numbers(lesson_html, lesson):
    namespace, _, _ = lesson
    rows = [[td.get_text() for td in tr.select("td")] for tr in lesson_html.select("table tr")]
    histories = zip(namespace["padded_history"], namespace["packed_history"], strict=True)
    for epoch, (padded, packed) in enumerate(histories, start=1):
        assert [str(epoch), f"{padded[0]:.3f}", f"{packed[0]:.3f}"] in rows
        assert [str(epoch), f"{padded[1]:.2f}", f"{packed[1]:.2f}"] in rows


def test_model_quiz_marks_reading_through_the_zeros():
    (question,) = [q for q in questions("packing/index.md") if q.id == "why-h-n-changes"]
    assert "through the zero steps" in question.options[question.answer]


def test_the_solutions_copy_of_the_experiment_gives_the_lessons_final_accuracies(lesson):
    """The conceptual questions' evidence reruns the experiment in one listing a reader can copy."""
    namespace = lesson[0]
    with contextlib.redirect_stdout(io.StringIO()):
        rerun = runpy.run_path(str(ROOT / "snippets" / "packing" / "practice" / "lesson_result.py"))
    assert rerun["packed_accuracy"] == round(namespace["packed_history"][-1][1], 2)
    assert rerun["padded_accuracy"] == round(namespace["padded_history"][-1][1], 2)
    for name in ["packed_history", "padded_history"]:  # each epoch's, behind the "fell at epoch" line
        assert rerun[name] == [round(accuracy, 2) for _, accuracy in namespace[name]]
