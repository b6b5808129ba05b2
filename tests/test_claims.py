"""Claims bound to the run: a false prose claim or question claim fails the build naming page, place and sentence."""

import re

import pytest

from conftest import LESSONS, copy_project, mkdocs_build
from lessonkit import claims, pages, quiz

LESSON = LESSONS[0]
PAGE = f"docs/{LESSON.page.src_uri}"
QUESTIONS = f"docs/{LESSON.practice.src_uri}"


def test_a_prose_claim_binds_to_the_nearest_exec_block_above_it_and_names_its_sentence():
    text = (
        '```python exec="on" session="s1" id="first"\nx = 1\n```\n\n'
        "Some words. The loss keeps falling (-11%). <!-- claim: x == 1 -->\n\n"
        '```python exec="on" session="s2" id="second"\ny = 2\n```\n\n'
        "It **stays** at chance.\n<!-- claim: y == 2 -->\n"
    )
    found = claims.find(text)
    assert [(c.block, c.session, c.line, c.sentence) for c in found] == [
        ("first", "s1", 5, "The loss keeps falling (-11%)."),
        ("second", "s2", 12, "It stays at chance."),
    ]
    assert claims.strip(text).count("claim") == 0


def test_a_claim_is_false_or_raises_or_holds():
    assert claims.evaluate("x > 1", {"x": 2}) == ""
    assert claims.evaluate("x > 3", {"x": 2}) == "is False"
    assert claims.evaluate("z > 3", {"x": 2}).startswith("raised NameError")
    namespace = {"x": 2}
    claims.evaluate("[w for w in [x]]", namespace)
    assert namespace == {"x": 2, "__builtins__": namespace["__builtins__"]}  # read, never written


def test_a_question_claim_on_an_unknown_part_is_rejected():
    question = next(iter(quiz.FENCE.finditer(LESSON.practice.path.read_text())))[1]
    text = "<!-- quiz-progress -->\n```quiz\n" + question + "claims: {Z: 'True'}\n```\n"
    with pytest.raises(quiz.QuizError, match="claims on unknown part"):
        quiz.parse(text, LESSON.practice.src_uri, require_why_not=True)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """A copy whose lesson page and practice page each carry false claims (and a true one), built once.

    The same build carries two breaches of the question rules (tests/test_quiz_rules.py has the rest
    on made-up pages): a lesson section no question names, and a question asked twice."""
    project = copy_project(tmp_path_factory.mktemp("claims"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("question_rules: report", "question_rules: enforce"))
    page = project / PAGE
    text = page.read_text()
    first = LESSON.page.fences[0]
    end = text.index("\n```\n", text.index(f'id="{first.id}"')) + 5
    added = (
        "\nThis number is checked and false. <!-- claim: 1 + 1 == 3 -->\n"
        "This one names a value no block defined. <!-- claim: undefined_value > 0 -->\n"
        '\nThis one holds in the session\'s own namespace. <!-- claim: __name__.startswith("lesson_block_") -->\n'
        "\nThe update $h_t = \\tanh(x_t)$ reads, and on its own line:\n\n$$\nh_t < 1\n$$\n"
    )
    page.write_text(text[:end] + added + text[end:] + "\n## An injected section\n\nIt teaches, untested.\n")
    lines = (text[:end] + added).splitlines()
    practice = project / QUESTIONS
    source = practice.read_text()
    first_question = quiz.parse(source, LESSON.practice.src_uri)[0]
    source = source.replace(f"id: {first_question.id}\n", f"id: {first_question.id}\nclaims: {{hint: '2 < 1'}}\n", 1)
    copy = next(quiz.FENCE.finditer(source))[0].replace(f"id: {first_question.id}\n", "id: asked-twice\n", 1)
    practice.write_text(source + "\n" + copy + "\n")
    result = mkdocs_build(project, project / "site")
    return {
        "result": result,
        "output": result.stdout + result.stderr,
        "lines": [n for n, line in enumerate(lines, 1) if "claim:" in line],
        "question": first_question,
        "site": project / "site",
    }


@pytest.mark.build
def test_a_false_prose_claim_fails_the_build_naming_page_line_and_sentence(build):
    assert build["result"].returncode != 0
    false, raising, _ = build["lines"]
    sentence = "This number is checked and false."
    assert (
        f'{PAGE}:{false}: the claim `1 + 1 == 3` is False, so this sentence is false: "{sentence}"' in build["output"]
    )
    assert f"{PAGE}:{raising}: the claim `undefined_value > 0` raised NameError" in build["output"]


@pytest.mark.build
def test_a_true_prose_claim_passes_in_its_blocks_session(build):
    assert "__name__.startswith" not in build["output"]


@pytest.mark.build
def test_a_false_question_claim_fails_the_build_naming_question_part_and_text(build):
    q = build["question"]
    expected = f'{q.name}, hint: the claim `2 < 1` is False, so this sentence is false: "{q.hint}"'
    assert expected in build["output"], build["output"][-3000:]


def test_claim_markers_never_reach_the_reader(built_site):
    leaked = [str(p) for p in built_site.rglob("*.html") if re.search(r"<!--\s*claim:", p.read_text())]
    leaked += [str(p) for p in built_site.rglob("*.ipynb") if "claim:" in p.read_text()]
    assert leaked == []


@pytest.mark.build
def test_a_lesson_section_no_question_names_fails_the_build(build):
    lesson = LESSON.page.src_uri
    assert (
        f"{lesson}: the section 'An injected section' (#an-injected-section) teaches, but no question"
        in build["output"]
    )


@pytest.mark.build
def test_a_question_asked_twice_fails_the_build(build):
    q = build["question"]
    assert f"{q.name} and {LESSON.practice.src_uri}: question " in build["output"]
    assert "('asked-twice') ask the same thing (the same question)" in build["output"]


def test_question_code_is_read_as_the_page_shows_it():
    shown = [q for page in pages.pages() for q in quiz.parse(page.text, page.src_uri) if q.code]
    assert shown, "no question on the site shows code"
    q = shown[0]
    path = q.code.partition(":")[0]
    code = quiz.question_code([q])[q.id]
    assert code.strip() and "--8<--" not in code
    assert code.splitlines()[0].strip() in (pages.snippets() / path).read_text()


@pytest.mark.build
def test_maths_on_a_page_is_mathml_and_the_notebook_keeps_its_source(build):
    page = build["site"] / LESSON.folder / "index.html"
    html = page.read_text()
    assert '<math alttext="h_t = \\tanh(x_t)"' in html and 'display="block"' in html
    assert "arithmatex" not in html
    downloaded = next((build["site"] / LESSON.folder).rglob("*.ipynb"))
    assert "$h_t = \\\\tanh(x_t)$" in downloaded.read_text()  # JSON escapes the backslash
    assert '<math alttext="h_t = \\tanh(x_t)"' in (downloaded.parent / "index.html").read_text()
