"""The gated-cells lesson (docs/gated/index.md): what its snippets compute and what the built page shows."""

import re

import matplotlib.pyplot as plt
import pytest
import torch
from bs4 import BeautifulSoup
from quiz_checks import questions
from torch import nn

from conftest import ROOT, run_lesson

PAGE = ROOT / "docs" / "gated" / "index.md"
FENCE = re.compile(r'^```python exec="on"([^\n]*)\n--8<-- "gated/index/([^":]+)\.py:([^"]+)"\n```$', re.MULTILINE)
CELLS = ("RNN", "GRU", "LSTM")


@pytest.fixture(scope="module")
def lesson() -> tuple[dict, dict[str, str]]:
    """The lesson's snippets run in page order in one namespace, what each file printed, the figures shown."""
    shown = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
        namespace, printed = run_lesson("gated/index.md")
    namespace["shown_figures"] = shown
    yield namespace, printed
    for figure in shown:
        plt.close(figure)


def table_rows(markdown: str, header_start: str) -> list[list[str]]:
    """The body rows of the first Markdown table whose header starts with `header_start`."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header_start}"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


# --- The cells ------------------------------------------------------------------------------------


def test_lstm_returns_h_n_and_c_n_and_the_others_h_n_alone(lesson):
    x = torch.randn(3, 6, 4)
    for name, cell in lesson[0]["cells"].items():
        output, state = cell(x)
        assert isinstance(state, tuple) == (name == "LSTM")
        h_n = state[0] if name == "LSTM" else state
        assert torch.equal(output[:, -1], h_n[0])
    rows = table_rows(lesson[1]["cells"], "Cell | output")
    assert [row[0] for row in rows] == list(CELLS)
    assert "Only the LSTM returns `c_n`: `(1, 2, 5)`" in lesson[1]["cells"]


@pytest.mark.parametrize(("inputs", "hidden", "steps"), [(4, 5, 7), (1, 1, 3), (9, 16, 20)])
def test_gru_by_hand_equals_nn_gru_within_1e_6(lesson, inputs, hidden, steps):
    torch.manual_seed(1)
    gru, x = nn.GRU(inputs, hidden, batch_first=True), torch.randn(2, steps, inputs)
    h = torch.randn(2, hidden)
    with torch.no_grad():
        expected, _ = gru(x, h.unsqueeze(0))
        states = []
        for t in range(steps):
            h, _ = lesson[0]["gru_step"](gru, x[:, t], h)
            states.append(h)
    assert (torch.stack(states, 1) - expected).abs().max() < 1e-6
    assert "(within 1e-6: **True**)" in lesson[1]["cells"]


@pytest.mark.parametrize(("inputs", "hidden"), [(4, 5), (1, 1), (10, 30)])
def test_parameter_formula_equals_the_module_and_is_3x_and_4x_the_rnn(lesson, inputs, hidden):
    formula = lesson[0]["formula"]
    for name, layer in [("RNN", nn.RNN), ("GRU", nn.GRU), ("LSTM", nn.LSTM)]:
        assert formula(name, inputs, hidden) == sum(p.numel() for p in layer(inputs, hidden).parameters())
    rnn = formula("RNN", inputs, hidden)
    assert (formula("GRU", inputs, hidden), formula("LSTM", inputs, hidden)) == (3 * rnn, 4 * rnn)


def test_parameter_table_shows_formula_and_module_agreeing(lesson):
    for _, by_formula, module in table_rows(lesson[1]["cells"], "Cell | Formula"):
        assert by_formula.endswith(f"= {module}")
    assert "Against the RNN: RNN 1×, GRU 3×, LSTM 4×." in lesson[1]["cells"]


# --- The task and the models ----------------------------------------------------------------------


def test_task_marks_one_step_and_asks_for_its_value(lesson):
    namespace, _ = lesson
    x, y = namespace["make_task"](50, 6, torch.Generator().manual_seed(3))
    lead, classes = namespace["LEAD"], namespace["CLASSES"]
    assert x.shape == (50, lead + 6 + 1, classes + 1)
    marked = x[..., classes].nonzero()[:, 1]
    assert marked.tolist() == [lead] * 50
    assert torch.equal(x[:, lead, :classes].argmax(-1), y)
    assert torch.equal(x[..., :classes].sum(-1), torch.ones(50, lead + 7))  # a value at every step


def test_models_are_matched_within_10_percent_and_the_page_says_by_how_much(lesson):
    namespace, printed = lesson
    counts = namespace["parameters"]
    assert counts == {c: sum(p.numel() for p in namespace["Recaller"](c).parameters()) for c in CELLS}
    spread = max(counts.values()) - min(counts.values())
    assert 0 < spread <= 0.10 * max(counts.values())
    assert f"differ by {spread}, {spread / max(counts.values()):.0%}" in printed["task"]


def test_cue_gradient_is_the_cues_gradient_over_the_last_steps(lesson):
    namespace, _ = lesson
    torch.manual_seed(0)
    model = namespace["Recaller"]("GRU")
    x, y = namespace["make_task"](32, 4, torch.Generator().manual_seed(2))
    xg = x.clone().requires_grad_(True)
    nn.functional.cross_entropy(model(xg), y).backward()
    expected = (xg.grad[:, namespace["LEAD"]].norm() / xg.grad[:, -1].norm()).item()
    model.zero_grad()
    assert namespace["cue_gradient"](model, x, y) == pytest.approx(expected)
    assert all(p.grad is None or not p.grad.any() for p in model.parameters())


# --- The sweep ------------------------------------------------------------------------------------


def test_sweep_covers_at_least_four_distances_for_every_cell(lesson):
    namespace, _ = lesson
    assert len(namespace["DISTANCES"]) >= 4
    assert set(namespace["runs"]) == {(c, d) for c in CELLS for d in namespace["DISTANCES"]}


def test_sweep_tables_show_the_rounded_results(lesson):
    namespace, printed = lesson
    text = printed["sweep"]
    for cell in CELLS:
        rows = table_rows(text[text.index(f"**{cell}**") :], "Steps")
        runs = namespace["runs"]
        assert rows == [
            [str(d), f"{runs[cell, d][0][-1]:.2f}", f"{runs[cell, d][1]:.1e}"] for d in namespace["DISTANCES"]
        ]


def test_gates_help_somewhere_and_fail_too_at_the_longest_distance(lesson):
    namespace, _ = lesson
    runs, chance, distances = namespace["runs"], namespace["CHANCE"], namespace["DISTANCES"]
    final = {key: run[0][-1] for key, run in runs.items()}
    assert any(max(final["GRU", d], final["LSTM", d]) - final["RNN", d] >= 0.10 for d in distances)
    assert all(abs(final[c, distances[-1]] - chance) <= 0.10 for c in CELLS)
    assert all(final[c, distances[0]] >= 0.90 for c in CELLS)


def test_more_gradient_reaches_the_cue_in_gated_cells_and_it_shrinks_with_distance(lesson):
    runs, distances = lesson[0]["runs"], lesson[0]["DISTANCES"]
    for d in distances:
        assert runs["GRU", d][1] > runs["RNN", d][1] and runs["LSTM", d][1] > runs["RNN", d][1]
    for c in CELLS:
        gradients = [runs[c, d][1] for d in distances]
        assert gradients == sorted(gradients, reverse=True)
    assert runs["RNN", distances[0]][1] / runs["RNN", distances[-1]][1] >= 1000


def test_each_verdict_agrees_with_the_rounded_row_it_reads(lesson):
    namespace, printed = lesson
    chance = namespace["CHANCE"]
    sentences = dict(re.findall(r"At (\d+) steps, (.*?)\.(?=\s|$)", printed["sweep"]))
    tables = {c: table_rows(printed["sweep"][printed["sweep"].index(f"**{c}**") :], "Steps") for c in CELLS}
    for i, d in enumerate(str(d) for d in namespace["DISTANCES"]):
        acc = {c: float(tables[c][i][1]) for c in CELLS}
        said = sentences[d]
        if said.startswith("every cell is at chance"):
            assert all(abs(a - chance) <= 0.10 for a in acc.values())
            continue
        if match := re.search(r"beats? the RNN by up to (\d\.\d\d)", said):
            beat = said.split(" beat")[0].split(" and ")
            assert all(acc[c] - acc["RNN"] >= 0.10 for c in beat)
            assert float(match[1]) == pytest.approx(max(acc[c] for c in beat) - acc["RNN"], abs=1e-9)
        lost = re.search(r"(?:^|, )(\w+(?: and \w+)?) (?:is|are) at chance$", said)
        assert set(lost[1].split(" and ") if lost else []) == {
            c for c in ("GRU", "LSTM") if abs(acc[c] - chance) <= 0.10
        }, said
        if said.startswith("no gated cell"):
            assert all(acc[c] - acc["RNN"] < 0.10 for c in ("GRU", "LSTM"))


def test_verdict_names_each_case(lesson):
    namespace = lesson[0]
    verdict, shown = namespace["verdict"], namespace["shown"]
    saved = dict(shown)
    try:
        for c, v in zip(CELLS, ("0.70", "0.95", "0.35"), strict=True):
            shown[c, 99] = (v, "1.0e-03")
        assert verdict(99) == "GRU beats the RNN by up to 0.25, LSTM is at chance"
        for c, v in zip(CELLS, ("0.36", "0.30", "0.34"), strict=True):
            shown[c, 99] = (v, "1.0e-03")
        assert verdict(99) == "every cell is at chance, gates included"
        for c, v in zip(CELLS, ("0.85", "0.90", "0.94"), strict=True):
            shown[c, 99] = (v, "1.0e-03")
        assert verdict(99) == "no gated cell beats the RNN by 0.10"
    finally:
        shown.clear()
        shown.update(saved)


# --- Traces ---------------------------------------------------------------------------------------


def test_trace_distance_is_where_the_cells_differ_most(lesson):
    namespace, printed = lesson
    finals = {d: [float(namespace["shown"][c, d][0]) for c in CELLS] for d in namespace["DISTANCES"]}
    widest = max(finals, key=lambda d: max(finals[d]) - min(finals[d]))
    assert namespace["TRACE"] == widest
    block = printed["sweep"].split("epoch ")[1].split("```")[0]
    rows = [line.split(maxsplit=4) for line in block.splitlines()[1:]]
    history = [namespace["runs"][c, widest][0] for c in CELLS]
    assert [row[1:4] for row in rows] == [[f"{h[e]:.2f}" for h in history] for e in range(len(rows))]
    for epoch, row in enumerate(rows, start=1):
        before = rows[: epoch - 1]
        passed = [
            c for i, c in enumerate(CELLS) if float(row[1 + i]) > 0.90 and all(float(r[1 + i]) <= 0.90 for r in before)
        ]
        assert row[4:] == ([", ".join(passed)] if passed else [])


def test_prediction_trace_is_the_trained_gru_by_hand(lesson):
    namespace, printed = lesson
    assert namespace["gap"] < 1e-6
    block = printed["trace"].split("step value mean_z guess\n")[1].split("```")[0]
    rows = [line.split() for line in block.splitlines()]
    assert len(rows) == namespace["x_one"].shape[1]
    marked = [row[0] for row in rows if row[1].endswith("*")]
    assert marked == [str(namespace["LEAD"] + 1)]
    assert rows[-1][3] == str(namespace["guess"])
    cue = float(namespace["means"][namespace["LEAD"]])
    others = [float(m) for t, m in enumerate(namespace["means"]) if t != namespace["LEAD"]]
    assert ("the lowest in this sequence" in printed["trace"]) == (cue < min(others))
    assert f"between {min(others):.2f} and {max(others):.2f}" in printed["trace"]
    with torch.no_grad():
        model = namespace["model"]
        assert namespace["guess"] == model(namespace["x_one"]).argmax().item()


# --- The Key insight, the plot, the page ---------------------------------------------------------


def test_key_insight_quotes_the_rows_it_names(lesson):
    namespace, printed = lesson
    insight = printed["sweep"][printed["sweep"].index('!!! tip "Key insight"') :]
    shown, far, trace = namespace["shown"], namespace["DISTANCES"][-1], namespace["TRACE"]
    assert ", ".join(f"{c} **{shown[c, far][0]}**" for c in CELLS) in insight
    assert ", ".join(f"{c} {shown[c, trace][0]}" for c in CELLS) in insight
    assert "at every distance here, more gradient reached the cue" in insight
    for d, cells in namespace["helped"].items():  # each distance names only the cells that beat the RNN
        assert cells == [g for g in CELLS[1:] if float(shown[g, d][0]) - float(shown["RNN", d][0]) >= 0.10]
        who = "both" if len(cells) == 2 else f"only the {cells[0]}"
        assert f"{who} at {d} steps (" + ", ".join(f"{c} {shown[c, d][0]}" for c in CELLS) + ")" in insight
        for g in CELLS[1:]:
            assert (f"where the {g} did worse than the RNN" in insight.split(f"at {d} steps")[1].split(";")[0]) == (
                float(shown["RNN", d][0]) - float(shown[g, d][0]) >= 0.10
            )


def test_plot_is_legible_on_a_phone_and_described(lesson):
    (figure,) = lesson[0]["shown_figures"]
    px_per_pt = 350 / (figure.get_size_inches()[0] * 72)
    sizes = [t.get_fontsize() for t in figure.findobj(plt.Text) if t.get_text() and t.get_visible()]
    assert min(sizes) * px_per_pt >= 11
    assert re.search(r"\d\.\d\d", figure.get_label())


def test_page_fences_use_the_three_forms():
    text = PAGE.read_text()
    fences = FENCE.findall(text)
    assert len(fences) == text.count('```python exec="on"')
    forms = {options.split(' session="gated-index"')[0] for options, _, _ in fences}
    assert forms == {' source="tabbed-right"', ' source="above"', ""}
    assert [section for options, _, section in fences if "source" not in options] == ["key-insight"]


def test_every_teaching_section_is_named_by_a_question():
    headings = re.findall(r"^##+ .*\{ #([\w-]+) \}$", PAGE.read_text(), flags=re.MULTILINE)
    taught = {q.teaches for page in ("gated/index.md", "gated/practice.md", "gated/test.md") for q in questions(page)}
    assert set(headings) <= taught, set(headings) - taught


def test_built_page_renders_the_maths_and_the_tables(built_site):
    page = BeautifulSoup((built_site / "gated" / "index.html").read_text(), "html.parser")
    assert page.select_one("h2#where-gates-help") and page.select_one("h2#key-insight")
    assert len(page.select("table")) >= 6
    assert len(page.select('math[display="block"]')) >= 10  # the equations, one MathML block each
    shown = [m for m in page.select("math mi, math mo") if m.get_text() == "&"]
    assert not shown, "an alignment & is shown as a symbol: the converter does not align"


def test_every_claim_in_the_prose_holds_in_the_lessons_run(lesson):
    claims = re.findall(r"<!-- claim: (.+?) -->", PAGE.read_text())
    assert claims
    for expression in claims:
        assert eval(expression, dict(lesson[0])), expression


def test_the_conceptual_evidence_is_the_lessons_own_set_up_and_gives_its_gradients(lesson):
    from quiz_checks import run_evidence

    namespace = lesson[0]
    (question,) = [q for q in questions("gated/test.md") if q.id == "small-gradient"]
    evidence, _ = run_evidence(question)
    for name in ("SIZES", "DISTANCES", "EPOCHS", "TRAIN", "LEAD", "CLASSES", "FEATURES"):
        assert evidence[name] == namespace[name], name
    far = namespace["DISTANCES"][-1]
    for cell in CELLS:
        assert evidence["gradients"][cell] == pytest.approx(namespace["runs"][cell, far][1], rel=1e-5)
    assert evidence["parameters"] == namespace["parameters"]
