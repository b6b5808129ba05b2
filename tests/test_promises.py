"""Promises the site keeps, each checked against whatever the site holds (lessons, quiz pages, questions).

Each test closes a kind of regression that once passed the suite (issue 16): a conceptual answer
flipped, generated prose typed as a constant, an evidence `answer` typed as a literal, the key leaking
into the options, two places of one build quoting different numbers, raw floats, a plot invisible in
one palette, the quiz dead after instant navigation, a test that could hang. `make mutate` proves it:
it applies realistic regressions (tests/mutations/) one at a time and reports which test caught each.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import http.server
import json
import re
import shutil
import threading
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from latex2mathml.converter import convert
from mkdocs.config import load_config

from conftest import LESSONS, ROOT, QuietHandler, lesson_params
from lessonkit import quiz
from lessonkit.pages import Page, pages

PINS_FILE = Path(__file__).with_name("promises.toml")
QUIZ_PAGES = [page.src_uri for page in pages() if "```quiz" in page.text]
QUESTIONS = [q for src in QUIZ_PAGES for q in quiz.parse(Page(src).path.read_text(encoding="utf-8"), src)]
TEST_TIMEOUT = 300  # pytest-timeout's limit (pyproject.toml): every wait below it must end sooner
DECIMAL = re.compile(r"\d+\.\d+")
# More than 3 decimals, unless in scientific notation (1.2e-05) or an exact zero to some places (0.000000, a
# tolerance: "equal within 1e-6").
LONG_FLOAT = re.compile(r"(?<![\w.])[-+]?(?!0\.0+(?![\d.]|e[-+]?\d))\d+\.\d{4,}(?![\d.]|e[-+]?\d)", re.I)


def question_params(select=lambda q: True):
    return [pytest.param(q, id=f"{q.page}:{q.id}") for q in QUESTIONS if select(q)]


def built(site: Path, src_uri: str) -> BeautifulSoup:
    """The built HTML of docs/<src_uri> (use_directory_urls: x/y.md -> x/y/index.html)."""
    path = Path(src_uri).with_suffix("")
    html = site / (path.parent if path.name == "index" else path) / "index.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def result_text(tag) -> str:
    """A tag's visible text without drawn plots (their tick labels are not results)."""
    tag = BeautifulSoup(str(tag), "html.parser")
    for svg in tag.select("svg"):
        svg.decompose()
    return tag.get_text(" ")


def block_results(soup: BeautifulSoup) -> dict[str, str]:
    """Block id -> the text of its Result tab (markdown-exec names a block's tabs after its id)."""
    found = {}
    for tabs in soup.select(".tabbed-set"):
        first = tabs.select_one("input")
        labels = [label.get_text(strip=True) for label in tabs.select(":scope > .tabbed-labels > label")]
        if not first or "Result" not in labels or tabs.find_parent(class_="quiz"):
            continue
        block = first["id"].split("-__tabbed_")[0]
        found[block] = result_text(tabs.select(":scope > .tabbed-content > .tabbed-block")[labels.index("Result")])
    return found


def lesson_results(soup: BeautifulSoup) -> str:
    """Everything a lesson page's blocks printed, outside its quiz."""
    parts = [*block_results(soup).values()]
    parts += [result_text(a) for a in soup.select(".admonition") if not a.find_parent(class_="quiz")]
    return " ".join(parts)


# -- Answers -----------------------------------------------------------------------------------------


def pin(question: quiz.Question) -> str:
    return hashlib.sha256(quiz.plain(question.options[question.answer]).encode()).hexdigest()[:12]


@functools.cache
def pins() -> dict[str, str]:
    return tomllib.loads(PINS_FILE.read_text(encoding="utf-8"))["conceptual"]


@pytest.mark.parametrize("question", question_params(lambda q: q.kind == "conceptual"))
def test_every_conceptual_question_marks_the_option_a_maintainer_checked_against_its_lesson(question):
    """No run can prove a conceptual answer, so the checked option's text is pinned (tests/promises.toml).

    A changed `answer:` letter, or an edited marked option, changes the digest; after checking the new
    answer against the lesson result its evidence cites, a maintainer updates the pin on purpose."""
    key = f"{question.page}:{question.id}"
    marked = quiz.plain(question.options[question.answer])
    assert key in pins(), (
        f"{question.name}: no pin in {PINS_FILE.name}; check option {question.answer} ({marked!r}) against "
        f'{question.evidence}, then add `"{key}" = "{pin(question)}"` under [conceptual]'
    )
    assert pins()[key] == pin(question), (
        f"{question.name}: the marked option is now {question.answer} ({marked!r}), not the one checked against "
        f'its lesson result ({question.evidence}); if the new answer is right, set its pin to "{pin(question)}"'
    )


def test_every_pin_belongs_to_a_conceptual_question_the_site_holds():
    held = {f"{q.page}:{q.id}" for q in QUESTIONS if q.kind == "conceptual"}
    stale = sorted(set(pins()) - held)
    assert not stale, f"{PINS_FILE.name}: pins for questions the site no longer holds: {stale}"


def literal_assignments(tree: ast.AST, names: set[str]) -> list[tuple[str, int]]:
    """Assignments of a literal (a constant, or a tuple/list/dict/f-string of constants) to `names`."""

    def literal(node) -> bool:
        if isinstance(node, ast.JoinedStr):
            return not any(isinstance(value, ast.FormattedValue) for value in node.values)
        if isinstance(node, ast.Dict | ast.List | ast.Tuple | ast.Set) and not (
            getattr(node, "keys", None) or getattr(node, "elts", None)
        ):
            return False  # an empty container the run fills in
        try:
            ast.literal_eval(node)
        except ValueError:
            return False
        return True

    found = []
    for node in ast.walk(tree):
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = getattr(node, "value", None)
        for target in targets:
            if isinstance(target, ast.Name) and target.id in names and value is not None and literal(value):
                found.append((target.id, node.lineno))
    return found


@pytest.mark.parametrize("question", question_params(lambda q: q.kind == "verified"))
def test_no_evidence_types_its_answer_it_computes_it(question):
    """`answer = "(2, 10, 8)"` would verify anything: the evidence must compute what it compares."""
    path = quiz.pages.snippets() / question.evidence.partition(":")[0]
    typed = literal_assignments(ast.parse(path.read_text(encoding="utf-8")), {"answer", "outcomes"})
    assert not typed, (
        f"{question.name}: its evidence snippets/{question.evidence} types "
        + ", ".join(f"`{name}` as a literal at line {line}" for name, line in typed)
        + "; compute it from the run"
    )


TYPED_DECIMAL = re.compile(r"(?<![=\w.])\d+\.\d+")


def typed_decimals(tree: ast.AST) -> list[tuple[int, str]]:
    """Decimal numbers written into string literals (format specs such as `:5.2f` and `x=0.0` code aside)."""
    specs = {
        id(node.format_spec) for node in ast.walk(tree) if isinstance(node, ast.FormattedValue) and node.format_spec
    }
    spec_parts = {id(part) for node in ast.walk(tree) if id(node) in specs for part in ast.walk(node)}
    # A threshold the code compares with may be restated (`if accuracy > 0.90: "above 0.90"`); better an f-string.
    thresholds = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and type(node.value) is float}
    return [
        (node.lineno, match)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in spec_parts
        for match in TYPED_DECIMAL.findall(node.value)
        if float(match) not in thresholds
    ]


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=str(p.relative_to(ROOT))) for p in sorted((ROOT / "snippets").rglob("*.py"))]
)
def test_no_snippet_types_a_decimal_into_the_text_it_prints(path):
    """A result written as text (`"reached **0.96**"`) stays when the numbers change: print it from the run."""
    typed = typed_decimals(ast.parse(path.read_text(encoding="utf-8")))
    assert not typed, f"{path.relative_to(ROOT)}: " + ", ".join(f"line {n} types {value}" for n, value in typed)


# -- The questions as built --------------------------------------------------------------------------

KEY_MARKERS = re.compile(
    r"\(correct\)|\(answer\)|\bcorrect (answer|option)\b|\bright answer\b|[✓✔✅]|final answer|→ option", re.I
)


def shown_maths(text: str) -> str:
    """`$...$` as the page shows it: the text of its MathML (hooks/maths.py)."""
    return re.sub(r"\$([^$]+)\$", lambda m: BeautifulSoup(convert(m[1]), "html.parser").get_text(), text)


@pytest.mark.parametrize("src_uri", QUIZ_PAGES)
def test_option_labels_are_the_yaml_text_and_nothing_outside_the_solution_shows_the_key(built_site, src_uri):
    page = built(built_site, src_uri)
    for q in quiz.parse(Page(src_uri).path.read_text(encoding="utf-8"), src_uri):
        section = page.select_one(f"section.quiz#{q.id}")
        assert section is not None, f"{q.name}: not on the built page"
        labels = section.select(".quiz-options label")
        shown = {label.input["value"]: " ".join(label.get_text().split()) for label in labels}
        expected = {
            letter: " ".join(f"{letter}. {shown_maths(quiz.plain(text))}".split()) for letter, text in q.options.items()
        }
        assert shown == expected, f"{q.name}: the built option labels are not the YAML's options: {shown} != {expected}"
        shapes = {
            (tuple(sorted(label.attrs)), tuple(sorted(a for a in label.input.attrs if a != "value")))
            for label in labels
        }
        assert len(shapes) == 1, f"{q.name}: the options differ in their HTML attributes, which tells the key: {shapes}"
        outside = BeautifulSoup(str(section), "html.parser")
        for closed in outside.select(".quiz-solution"):
            closed.decompose()
        leak = KEY_MARKERS.search(outside.get_text(" "))
        assert not leak, (
            f"{q.name}: {leak[0]!r} is visible before the reader checks an answer (outside the closed solution)"
        )
        solution = section.select_one("details.quiz-solution")
        assert solution is not None, f"{q.name}: the solution is not a <details>"
        assert not solution.has_attr("open"), f"{q.name}: the solution is open before the reader checks an answer"


@pytest.mark.parametrize("src_uri", QUIZ_PAGES)
def test_built_questions_carry_what_the_script_and_screen_readers_need(built_site, src_uri):
    """quiz.js scores against data-answer; feedback and score are announced (aria-live)."""
    page = built(built_site, src_uri)
    for q in quiz.parse(Page(src_uri).path.read_text(encoding="utf-8"), src_uri):
        section = page.select_one(f"section.quiz#{q.id}")
        assert section.get("data-answer") == q.answer, (
            f"{q.name}: data-answer is {section.get('data-answer')!r}, not {q.answer}"
        )
        assert section.get("data-difficulty") == q.difficulty, f"{q.name}: data-difficulty is not {q.difficulty}"
        feedback = section.select_one(".quiz-feedback")
        assert feedback is not None, f"{q.name}: no feedback line"
        assert feedback.get("aria-live") == "polite", f"{q.name}: its feedback is not announced (aria-live=polite)"
        assert section.select_one("button.quiz-check") is not None, f"{q.name}: no Check answer button"
        radios = section.select(f".quiz-options input[type=radio][name='{q.id}']")
        assert len(radios) == len(q.options), f"{q.name}: {len(radios)} radios for {len(q.options)} options"
    for live in page.select(".quiz-progress-text, .quiz-score"):
        assert live.get("aria-live") == "polite", f"{src_uri}: {live['class']} is not announced (aria-live)"


# -- Generated prose ---------------------------------------------------------------------------------

PERCENT = re.compile(r"([-+]?)(\d+)%")
DOWN, UP = re.compile(r"\b(drops?|falls?|down)\b", re.I), re.compile(r"\b(rises?|grows?|up)\b", re.I)
ACCURACY_DELTA = re.compile(r"accuracy (?:\d\.\d\d )?\(?([-+]\d\.\d\d)\)?", re.I)
ABOVE_CHANCE = re.compile(r"(\d\.\d\d) above chance \((\d\.\d\d)\)")
NEAR_CHANCE = re.compile(r"\b(well above|still near) chance \((\d\.\d\d)\)")
FIRST_ABOVE = re.compile(r"First epoch above (\d\.\d\d)")
STATED_ACCURACY = re.compile(r"\bAccuracy (\d\.\d\d)\b|accuracy (\d\.\d\d) \(")


def sentence_claims(
    sentence: str, n: int, losses: list[float], accuracies: list[float | None]
) -> tuple[int, list[str]]:
    """The claims an observation makes about row n (1-based) against the rows before it: (how many, which fail).

    Each detector reads one kind of claim: a loss change in %, a trend word, an accuracy change, the
    distance from chance, a first time above a threshold."""
    claims, wrong = 0, []
    accuracy = accuracies[n - 1]
    # A reader does the arithmetic on the rounded values shown: a stated difference must be theirs
    # (2 decimals: within half a unit of the last place; a whole percent: within half a percent).
    exact, whole_percent = 0.005 + 1e-9, 0.5 + 1e-9
    if n == 1:
        if match := ABOVE_CHANCE.search(sentence):
            claims += 1
            if accuracy is not None and abs(accuracy - float(match[2]) - float(match[1])) > exact:
                wrong.append(f"it starts {accuracy - float(match[2]):.2f} above chance, not {match[1]}")
        if match := NEAR_CHANCE.search(sentence):
            claims += 1
            above = accuracy - float(match[2]) if accuracy is not None else None
            if above is not None and (match[1] == "well above") != (above > 0.10):
                wrong.append(f"accuracy {accuracy:.2f} is {above:+.2f} from chance, not '{match[1]}' it")
    else:
        change = (losses[n - 1] - losses[n - 2]) / losses[n - 2] * 100
        moved = f"the loss went {losses[n - 2]} -> {losses[n - 1]} ({change:+.0f}%)"
        if match := PERCENT.search(sentence):
            claims += 1
            sign = -1 if match[1] == "-" or (not match[1] and DOWN.search(sentence)) else 1
            if abs(sign * int(match[2]) - change) > whole_percent:
                wrong.append(moved)
        trend = sentence.split("(")[0].lower()
        before = (losses[n - 2] - losses[n - 3]) / losses[n - 3] * 100 if n > 2 else -1.0  # "keeps": it fell before
        for word, holds in [
            ("sharply", change <= -24),
            ("steep", change <= -24),
            ("slower", -26 <= change < 0),
            ("keeps falling", change < 0 and before < 0),
            ("still falls", change < 0),
            ("rises", change > 0),
            ("levels off", abs(change) <= 6),
        ]:
            if word in trend:
                claims += 1
                if not holds:
                    wrong.append(f"'{word}', but {moved}")
        if accuracy is not None and accuracies[n - 2] is not None:
            delta = accuracy - accuracies[n - 2]
            if match := ACCURACY_DELTA.search(sentence):
                claims += 1
                if abs(delta - float(match[1])) > exact:
                    wrong.append(f"accuracy went {accuracies[n - 2]:.2f} -> {accuracy:.2f}, not {match[1]}")
            if "barely moves" in sentence.lower():
                claims += 1
                if abs(delta) > 0.011:
                    wrong.append(f"'barely moves', but accuracy went {accuracies[n - 2]:.2f} -> {accuracy:.2f}")
    if match := FIRST_ABOVE.search(sentence):
        claims += 1
        line = float(match[1])
        if accuracy is None or not accuracy > line or any(a is not None and a > line for a in accuracies[: n - 1]):
            wrong.append(f"'first epoch above {match[1]}' does not fit accuracies {accuracies[:n]}")
    return claims, wrong


def observation_problems(where: str, rows: list[dict[str, str]]) -> list[str]:
    """Each observation must state something checkable about its own row, and be right about it."""
    loss_column = next((c for c in rows[0] if "loss" in c.lower()), None)
    accuracy_column = next((c for c in rows[0] if "accuracy" in c.lower()), None)
    if loss_column is None:
        return [f"{where}: an Observation table without a loss column ({list(rows[0])})"]

    def value(row: dict, column: str | None, index: int) -> float | None:
        numbers = DECIMAL.findall(row[column]) if column else []
        return float(numbers[index]) if len(numbers) > index else None

    losses = [value(row, loss_column, 0) for row in rows]
    shared = loss_column == accuracy_column  # one cell: "loss<br>accuracy"
    accuracies = [value(row, accuracy_column, 1 if shared else 0) for row in rows]
    for n, row in enumerate(rows):  # a table without an accuracy column: the sentences state it
        stated = STATED_ACCURACY.search(row["Observation"])
        if accuracies[n] is None and stated:
            accuracies[n] = float(stated[1] or stated[2])
    problems = []
    for n, row in enumerate(rows, start=1):
        sentence = row["Observation"]
        claims, wrong = sentence_claims(sentence, n, losses, accuracies)
        if not claims:
            problems.append(f"{where}, epoch row {n}: {sentence!r} states nothing its row's numbers can confirm")
        problems += [f"{where}, epoch row {n}: {sentence!r}: {w}" for w in wrong]
    return problems


def tables(soup: BeautifulSoup) -> list[list[dict[str, str]]]:
    """Each table as rows of header -> cell text."""
    found = []
    for table in soup.select("table"):
        header = [th.get_text(" ", strip=True).rstrip(" ↓↑") for th in table.select("thead th")]
        rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
        found.append([dict(zip(header, row, strict=True)) for row in rows])
    return found


@pytest.mark.parametrize(
    ("sentence", "n", "wrong"),
    [
        ("Accuracy 0.39, 0.05 above chance (0.33).", 1, "it starts 0.06 above chance, not 0.05"),
        ("Accuracy 0.55 (+0.05).", 3, "accuracy went 0.51 -> 0.55, not +0.05"),
        ("Loss keeps falling (-11%).", 3, "'keeps falling', but the loss went 1.0 -> 0.89 (-11%)"),
    ],
    ids=["above-chance", "accuracy-change", "keeps-falling-after-a-rise"],
)
def test_an_observation_is_checked_against_the_rounded_values_beside_it(sentence, n, wrong):
    """What a reader computes from the shown numbers: 0.39 - 0.33 is 0.06, and a loss that rose did not keep falling."""
    losses, accuracies = [0.9, 1.0, 0.89], [0.39, 0.51, 0.55]
    assert wrong in sentence_claims(sentence, n, losses, accuracies)[1]


@pytest.mark.parametrize("lesson", lesson_params())
def test_every_observation_sentence_states_the_change_its_row_shows(built_site, lesson):
    soup = built(built_site, lesson.page.src_uri)
    traces = [rows for rows in tables(soup) if rows and "Observation" in rows[0]]
    if "def observation(" in "".join(f.code for f in lesson.page.fences):
        assert traces, (
            f"{lesson.page.src_uri}: its code writes observations, but no built table has an Observation column"
        )
    problems = [
        p
        for n, rows in enumerate(traces, start=1)
        for p in observation_problems(f"{lesson.page.src_uri}: trace table {n}", rows)
    ]
    assert not problems, "\n".join(problems)


FRAMEWORK_PAGES = [page.src_uri for page in pages() if page.meta.get("framework")]


@pytest.mark.parametrize("src_uri", FRAMEWORK_PAGES)
def test_reading_time_in_the_header_counts_prose_code_tables_and_figures_at_the_readmes_rates(built_site, src_uri):
    """Recomputed from the built page, from what shows when it opens (README, "Reading time"): words at
    200 a minute, listing lines at 20, table rows at 5 s, figures at 20 s; closed solutions and tabs
    behind the first do not count."""
    article = built(built_site, src_uri).select_one("article")
    meta = article.select_one("p.lesson-meta")
    assert meta is not None, f"{src_uri}: no reading time under its title"
    match = re.search(r"(\d+) min read", meta.get_text())
    assert match, f"{src_uri}: the header {meta.get_text()!r} gives no reading time"
    hidden = article.select("details:not([open]), .tabbed-content > .tabbed-block:not(:first-child)")
    for tag in [*hidden, *article.select("p.lesson-meta, a.lesson-download, script")]:
        tag.decompose()
    figures = [svg for svg in article.select("svg") if not svg.find_parent("svg")]
    lines = sum(len(pre.get_text().strip("\n").splitlines()) for pre in article.select("pre"))
    rows = len(article.select("table tr"))
    for tag in article.select("pre, svg, table"):
        tag.decompose()
    for formula in article.select("math"):  # read as the hook reads it, before hooks/maths.py: its LaTeX
        formula.replace_with(f" {formula.get('alttext', '')} ")
    words = len(article.get_text(" ").split())
    expected = words / 200 + lines / 20 + rows / 12 + len(figures) / 3
    shown = int(match[1])
    assert shown == max(1, round(expected)) or abs(shown - expected) <= 0.6, (
        f"{src_uri}: the header says {shown} min read, but the page has {words} words, {lines} listing lines, "
        f"{rows} table rows and {len(figures)} figures to read ({expected:.1f} min)"
    )


# -- Numbers quoted in more than one place -----------------------------------------------------------


def notebook_outputs(site: Path, lesson) -> dict[str, str]:
    """Cell id -> the text its run printed, from the lesson's notebook as the build copied it to the site."""
    path = site / Path(lesson.notebook).with_suffix("") / Path(lesson.notebook).name
    assert path.is_file(), f"{lesson.page.src_uri}: its notebook {lesson.notebook} is not in the built site"
    found = {}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        texts = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            texts.append(
                "".join(output.get("text", "")) + "".join(data.get("text/markdown", data.get("text/plain", "")))
            )
        if texts:
            found[cell.get("id", "")] = re.sub(r"<svg\b.*?</svg>", " ", "".join(texts), flags=re.S)
    return found


@pytest.mark.parametrize("lesson", lesson_params())
def test_each_lesson_block_shows_the_numbers_its_notebook_cell_printed(built_site, lesson):
    """One build, two runs (the pages' process and the notebook's fresh kernel): a missing seed shows here."""
    page = block_results(built(built_site, lesson.page.src_uri))
    cells = notebook_outputs(built_site, lesson)
    compared = 0
    for block, text in page.items():
        if block in cells:
            compared += 1
            on_page, in_notebook = DECIMAL.findall(text), DECIMAL.findall(cells[block])
            assert on_page == in_notebook, (
                f"{lesson.page.src_uri}: block '{block}' shows {on_page} on the page "
                f"but {in_notebook} in {lesson.notebook}"
            )
    assert compared, f"{lesson.page.src_uri}: no block of the page matches a cell of {lesson.notebook} by id"


def table_finals(soup: BeautifulSoup) -> set[str]:
    """The numbers a table ends on: its last row, and the last value of a cell listing a series (per epoch)."""
    finals = set()
    for rows in tables(soup):
        if rows:
            finals |= {number for cell in rows[-1].values() for number in DECIMAL.findall(cell)}
        for row in rows:
            finals |= {
                DECIMAL.findall(cell)[-1] for cell in row.values() if len(DECIMAL.findall(cell)) >= 3 and "," in cell
            }
    return finals


def final_results(soup: BeautifulSoup) -> set[str]:
    """A lesson's final results: where its tables end, and what its Key insight states."""
    finals = table_finals(soup)
    insight = next((a for a in soup.select(".admonition") if "Key insight" in a.get_text()), None)
    return finals | set(DECIMAL.findall(insight.get_text() if insight else ""))


@pytest.mark.parametrize("question", question_params(lambda q: q.kind == "conceptual"))
def test_conceptual_solutions_quote_the_final_results_their_lesson_shows_in_the_same_build(built_site, question):
    solution = built(built_site, question.page).select_one(f"section.quiz#{question.id} .quiz-solution")
    evidence = solution.select_one(f"input[id^='{question.evidence_block}-__tabbed']")
    assert evidence is not None, f"{question.name}: its solution shows no evidence block"
    quoted = DECIMAL.findall(result_text(evidence.find_parent(class_="tabbed-set").select_one(".tabbed-block")))
    lesson = built(built_site, str(Path(question.page).parent / "index.md"))
    finals = final_results(lesson)
    assert quoted, f"{question.name}: its solution quotes no number from its lesson"
    assert set(quoted) <= finals, (
        f"{question.name}: its solution quotes {sorted(set(quoted) - finals)}, which are not among its lesson "
        f"page's final results in this build ({sorted(finals)})"
    )


@pytest.mark.parametrize("lesson", lesson_params())
def test_key_insight_quotes_the_final_results_of_the_lesson_tables(built_site, lesson):
    soup = built(built_site, lesson.page.src_uri)
    insight = next((a for a in soup.select(".admonition") if "Key insight" in a.get_text()), None)
    assert insight is not None, f"{lesson.page.src_uri}: no Key insight"
    finals = table_finals(soup)
    quoted = [b.get_text() for b in insight.select("strong") if DECIMAL.fullmatch(b.get_text())]
    assert quoted, f"{lesson.page.src_uri}: the Key insight quotes no result in bold"
    assert set(quoted) <= finals, (
        f"{lesson.page.src_uri}: the Key insight quotes {sorted(set(quoted) - finals)}, "
        f"not in the last row of any table ({sorted(finals)})"
    )


def visible_text(soup: BeautifulSoup) -> str:
    """What a reader reads outside code listings: no scripts, styles, plots or highlighted source."""
    for tag in soup.select("script, style, svg, .jp-InputArea, .jp-InputPrompt, .jp-OutputPrompt"):
        tag.decompose()
    for listing in soup.select("div.highlight"):
        if listing.select("span[class]") and not listing.select("span.go, span.gp"):  # Pygments tokens: source
            listing.decompose()
    return soup.get_text(" ")


@pytest.fixture(scope="module")
def html_pages(built_site) -> list[Path]:
    return sorted(built_site.rglob("*.html"))


def test_no_built_page_prints_a_float_with_more_than_3_decimals(built_site, html_pages):
    problems = []
    for html in html_pages:
        text = visible_text(BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser"))
        for match in LONG_FLOAT.finditer(text):
            around = " ".join(text[max(0, match.start() - 40) : match.end() + 20].split())
            problems.append(f"{html.relative_to(built_site)}: {match[0]} in '…{around}…'")
    assert html_pages, "no built page"
    assert not problems, "raw floats (round them when printing): " + "\n".join(problems[:20])


# -- Settings that keep failures loud, and tests that cannot hang ------------------------------------


def test_any_warning_fails_the_build():
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config["strict"] is True, (
        "mkdocs.yml: `strict: true` is missing, so a warning (a block that failed, a broken link or anchor) "
        "no longer fails `mkdocs build`"
    )


WAITS = {"run", "check_output", "check_call", "call", "wait", "communicate", "join", "get"}


def unbounded_waits(path: Path) -> list[str]:
    """subprocess runs, process/thread waits and playwright timeouts without a limit below TEST_TIMEOUT."""
    found = []
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return []  # pytest reports the file itself, as a collection error
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, owner = node.func.attr, ast.unparse(node.func.value)
        limit = next((k.value for k in node.keywords if k.arg == "timeout"), None)
        if limit is None and name in {"wait", "join", "get", "communicate"} and node.args:
            limit = node.args[0]
        where = f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node.func)}(...)"
        subprocess_call = owner == "subprocess" and name in WAITS
        process_wait = name in {"wait", "communicate"} and owner not in {"page", "tab", "self"}
        if (subprocess_call or process_wait) and limit is None:
            found.append(f"{where} has no timeout")
            continue
        if limit is not None and isinstance(limit, ast.Constant) and isinstance(limit.value, int | float):
            seconds = (
                limit.value / 1000
                if name.startswith(("wait_for", "goto", "expect", "set_default")) or limit.value >= 1000
                else limit.value
            )
            if not 0 < seconds < TEST_TIMEOUT:
                found.append(f"{where} waits up to {limit.value} (not below the test's own {TEST_TIMEOUT} s)")
    return found


def test_no_test_can_hang_every_wait_has_a_limit_below_the_tests_own():
    problems = [p for path in sorted((ROOT / "tests").rglob("*.py")) for p in unbounded_waits(path)]
    assert not problems, "\n".join(problems)


# -- In the browser ----------------------------------------------------------------------------------


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


PLOT_COLOURS = """(figure) => {
  const rgb = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const [r, g, b, a = 1] = rgb(getComputedStyle(e).backgroundColor);
      if (a > 0 && getComputedStyle(e).backgroundColor !== "transparent") return [r, g, b];
    }
    return [255, 255, 255];
  };
  const bg = background(figure);
  const found = [];
  for (const e of figure.querySelectorAll("svg text, svg path, svg use, svg line, svg polyline")) {
    if (e.closest("defs")) continue;
    const style = getComputedStyle(e);
    if (style.visibility === "hidden" || Number(style.opacity) === 0 || style.display === "none") continue;
    const group = (e.closest("g[id]") || e).id;
    const parts = e.tagName === "text" ? ["fill"] : ["stroke", "fill"];
    for (const part of parts) {
      const value = style[part];
      const width = part === "stroke" ? parseFloat(style.strokeWidth) : 1;
      if (!value || value === "none" || width === 0) continue;
      const [r, g, b, a = 1] = rgb(value);
      if (a === 0 || Number(style[part + "Opacity"]) === 0) continue;
      found.push({tag: e.tagName, group, part, colour: [r, g, b], bg});
    }
  }
  return found;
}"""


def plot_pages() -> list:
    return [
        pytest.param(lesson.page.src_uri, id=lesson.folder)
        for lesson in LESSONS
        if "plt." in "".join(f.code for f in lesson.page.fences)
    ]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("src_uri", plot_pages())
def test_plot_text_and_lines_have_3_to_1_contrast_in_both_palettes(page, src_uri, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(str(Path(src_uri).parent) + "/")
    figures = page.locator("figure.lesson-plot")
    assert figures.count(), f"{src_uri}: its code draws a plot, but the page shows no figure.lesson-plot"
    problems = []
    for n in range(figures.count()):
        drawn = figures.nth(n).evaluate(PLOT_COLOURS)
        assert drawn, f"{src_uri}: plot {n + 1} has no visible text or line"
        seen = set()
        for item in drawn:
            ratio = contrast(item["colour"], item["bg"])
            key = (item["tag"], item["part"], tuple(item["colour"]))
            if ratio < 3 and key not in seen:
                seen.add(key)
                problems.append(
                    f"{src_uri} ({scheme}): plot {n + 1}, <{item['tag']}> {item['part']} rgb{tuple(item['colour'])} "
                    f"in '{item['group']}' has {ratio:.2f}:1 against rgb{tuple(item['bg'])}"
                )
    assert not problems, "\n".join(problems)


@pytest.fixture
def site_at_its_own_url(built_site, tmp_path):
    """The built site served at an address its sitemap names, so Material navigates in place (instant)."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_port}/"
    # Without SITE_URL the build's sitemap lists no page (MkDocs needs site_url for it), and Material navigates
    # in place only to the sitemap's pages: list every built page at this server's address.
    pages = sorted(f"{html.parent.relative_to(site).as_posix()}/".lstrip("./") for html in site.rglob("index.html"))
    urls = "".join(f"<url><loc>{origin}{page}</loc></url>" for page in pages)
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{namespace}">{urls}</urlset>'
    )
    (site / "sitemap.xml.gz").unlink(missing_ok=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield origin
    server.shutdown()
    server.server_close()


NAVIGATE = """(href) => {
  const link = Object.assign(document.createElement("a"), {href});
  link.textContent = "next";
  document.body.append(link);
  link.click();
}"""


@pytest.mark.browser
def test_every_quiz_page_works_after_instant_navigation(browser, site_at_its_own_url):
    context = browser.new_context(base_url=site_at_its_own_url)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    try:
        tab.goto("")
        tab.wait_for_load_state("networkidle", timeout=30_000)  # Material reads sitemap.xml before navigating in place
        tab.evaluate("window.sameDocument = true")
        for src_uri in QUIZ_PAGES:
            path = Path(src_uri).with_suffix("")
            url = f"{path.parent if path.name == 'index' else path}/"
            tab.evaluate(NAVIGATE, site_at_its_own_url + url)
            tab.wait_for_url(f"**/{url}", timeout=15_000)
            questions = quiz.parse(Page(src_uri).path.read_text(encoding="utf-8"), src_uri)
            first = questions[0]
            tab.locator(f"section#{first.id}").wait_for(timeout=15_000)
            assert tab.evaluate("window.sameDocument") is True, (
                f"{src_uri}: reached by a full load, not by instant navigation"
            )
            for q, letter in [(first, first.answer), (questions[-1], questions[-1].wrong[0])]:
                check = tab.locator(f"#{q.id} .quiz-check")
                assert check.is_visible(), (
                    f"{q.name}: after instant navigation its Check answer button stays hidden (quiz.js did not run)"
                )
                tab.locator(f"#{q.id} .quiz-options input[value='{letter}']").check()
                check.click()
                feedback = tab.locator(f"#{q.id} .quiz-feedback").inner_text()
                expected = "Correct." if letter == q.answer else "Not quite."
                assert feedback.startswith(expected), (
                    f"{q.name}: after instant navigation, option {letter} gives {feedback!r}"
                )
    finally:
        context.close()
