"""The lesson page (docs/rnn/index.md): what its snippets compute and what the built page shows."""

import re

import pytest
import torch
from bs4 import BeautifulSoup

from conftest import ROOT, run_snippets
from quiz_checks import questions

SNIPPETS = ROOT / "snippets" / "rnn" / "index"
PAGE_ORDER = ["pipeline", "experiment", "training_trace", "prediction_trace"]


@pytest.fixture(scope="module")
def lesson() -> tuple[dict, dict[str, str]]:
    """The lesson's snippets run in page order in one namespace, and what each printed."""
    return run_snippets(SNIPPETS, PAGE_ORDER)


@pytest.fixture(scope="module")
def lesson_html(built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site / "rnn" / "index.html").read_text(), "html.parser")


def test_pipeline_goes_from_10x5_to_10x8_to_10x3(lesson):
    namespace, printed = lesson
    shapes = [(tuple(a.shape), tuple(b.shape)) for _, _, a, b in namespace["stages"]]
    assert shapes == [((10, 5), (10, 5)), ((10, 5), (10, 8)), ((10, 8), (10, 3))]
    assert "| 2. RNN layer | `(10, 5)` |" in printed["pipeline"]
    assert printed["pipeline"].count("`(10, 3)`") == 2  # table row and sample heading


def test_pipeline_samples_are_the_first_and_last_rows_rounded(lesson):
    namespace, printed = lesson
    scores = namespace["scores"].detach()
    first = ", ".join(f"{v:.2f}" for v in scores[0])
    last = ", ".join(f"{v:.2f}" for v in scores[-1])
    assert f"[[{first}],\n ...,\n [{last}]]" in printed["pipeline"]


def test_rnn_reaches_at_least_090_accuracy_by_epoch_5(lesson):
    history = lesson[0]["rnn_history"]
    assert len(history) == 5
    assert history[-1][1] >= 0.90


def test_memoryless_model_stays_within_010_of_chance_every_epoch(lesson):
    namespace, _ = lesson
    assert namespace["CHANCE"] == pytest.approx(1 / 3, abs=1e-3)
    for _, accuracy in namespace["memoryless_history"]:
        assert abs(accuracy - namespace["CHANCE"]) <= 0.10


def test_training_at_build_takes_at_most_2_cpu_seconds(lesson):
    # A build trains three times: on the lesson page, where quiz solutions import the experiment to
    # cite it (snippets/rnn/practice/lesson_result.py), and in the notebook's kernel.
    assert 3 * lesson[0]["training_cpu_seconds"] <= 2.0


def test_side_by_side_table_prints_each_epochs_numbers(lesson):
    namespace, printed = lesson
    for epoch, ((rl, ra), (ml, ma)) in enumerate(
        zip(namespace["rnn_history"], namespace["memoryless_history"]), start=1
    ):
        assert f"| {epoch} | {rl:.3f} | {ra:.2f} | {ml:.3f} | {ma:.2f} |" in printed["experiment"]


def test_observations_are_read_off_the_numbers(lesson):
    observation = lesson[0]["observation"]
    history = [(1.0, 0.50), (0.50, 0.80), (0.45, 0.85), (0.44, 0.86)]
    assert observation(2, history) == "Loss falls sharply (-50%); accuracy +0.30."
    assert observation(3, history) == "Loss keeps falling (-10%); accuracy +0.05."
    assert observation(4, history) == "Loss levels off (-2%); accuracy +0.01."


def test_loss_bars_scale_with_the_loss(lesson):
    namespace, printed = lesson
    bars = re.findall(r"^ *([\d.]+) \|(\**)$", printed["training_trace"], flags=re.MULTILINE)
    losses = [loss for loss, _ in namespace["rnn_history"]]
    assert [float(v) for v, _ in bars] == [round(loss, 2) for loss in losses]
    lengths = [len(stars) for _, stars in bars]
    assert lengths[0] == namespace["BAR_WIDTH"] and lengths == sorted(lengths, reverse=True)


def test_plot_is_inline_svg_drawn_in_the_page_text_colour(lesson):
    printed = lesson[1]["training_trace"]
    svg = printed[printed.index("<svg") : printed.index("</svg>")]
    assert "currentColor" in svg and lesson[0]["INK"] not in svg
    assert 'role="img"' in svg


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
    assert f"Predicted class: **{namespace['predicted']}**, the class announced at step 1." in printed["prediction_trace"]


def test_key_insight_quotes_the_experiments_final_accuracies(lesson):
    namespace, printed = lesson
    rnn_final, memoryless_final = namespace["rnn_history"][-1][1], namespace["memoryless_history"][-1][1]
    insight = printed["experiment"][printed["experiment"].index('!!! tip "Key insight"') :]
    assert f"the RNN reached **{rnn_final:.2f}**" in insight
    assert f"stayed at **{memoryless_final:.2f}**, chance level" in insight
    # and the claim is true of those numbers
    assert rnn_final >= 0.90 and abs(memoryless_final - namespace["CHANCE"]) <= 0.10


def test_page_shows_each_snippets_output_with_its_code(lesson_html, lesson):
    blocks = [block for block in lesson_html.select(".tabbed-set") if not block.find_parent(class_="quiz")]
    assert len(blocks) == 15
    for block in blocks:
        labels = [label.get_text() for label in block.select(".tabbed-labels label")]
        assert labels == ["Result", "Source"]


def test_page_tables_hold_the_computed_numbers(lesson_html, lesson):
    namespace, _ = lesson
    rows = [[td.get_text() for td in tr.select("td")] for tr in lesson_html.select("table tr")]
    for epoch, ((rl, ra), (ml, ma)) in enumerate(
        zip(namespace["rnn_history"], namespace["memoryless_history"]), start=1
    ):
        assert [str(epoch), f"{rl:.3f}", f"{ra:.2f}", f"{ml:.3f}", f"{ma:.2f}"] in rows


def test_page_header_gives_framework_and_reading_time(lesson_html):
    meta = lesson_html.select_one("h1 + p.lesson-meta").get_text()
    assert re.fullmatch(r"PyTorch · \d+ min read", meta)


def test_page_offers_both_paths_learn_and_test(lesson_html):
    hrefs = [a["href"] for a in lesson_html.select(".grid.cards a")]
    assert hrefs == ["practice/", "test/"]


def test_footer_names_the_torch_version_that_ran(lesson_html):
    assert lesson_html.select_one(".md-copyright__highlight").get_text().strip() == f"Verified with torch {torch.__version__}"


def test_key_insight_is_an_admonition(lesson_html):
    admonition = lesson_html.select_one(".admonition.tip")
    assert admonition.select_one(".admonition-title").get_text() == "Key insight"


def test_model_quiz_marks_remembering_previous_steps():
    (question,) = questions("rnn/index.md")
    assert question.options[question.answer] == "To remember information from previous time steps"
