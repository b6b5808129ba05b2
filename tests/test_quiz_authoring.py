"""A malformed or disproved question fails the build; the message names the page and the question.

One scratch copy gets one fault in each of several questions (a different question for each fault,
across the site's quiz pages) and is built once: the build reports every one of them.
"""

import re

import pytest
from quiz_checks import questions

from conftest import copy_project, mkdocs_build
from lessonkit.pages import pages

pytestmark = pytest.mark.build
ALL = [q for page in pages() if "```quiz" in page.text for q in questions(page.src_uri)]
WITH_CODE = [q for q in ALL if q.verify == "value" and q.code]  # every part present: code, evidence, value


def marked(q) -> str:
    """The marked option's line in the YAML, as written."""
    return f'{q.answer}: "{q.options[q.answer]}"'


def real(q) -> str:
    return q.options[q.answer].replace("`", "")


# fault name: (the question it breaks, original text in its YAML, replacement, the message expected)
def faults() -> dict:
    others = iter(q for q in ALL if q not in WITH_CODE[:2])
    a, b = WITH_CODE[:2]
    kind, answer, two, difficulty, evidence, teaches, anchor, yaml_error = (next(others) for _ in range(8))
    section = a.code.partition(":")[0]
    return {
        "neither-kind": (
            kind,
            f"kind: {kind.kind}",
            "kind: opinion",
            "kind is 'opinion', must be one of verified, conceptual",
        ),
        "no-marked-answer": (answer, f"answer: {answer.answer}\n", "", "missing answer"),
        "two-marked-answers": (
            two,
            f"answer: {two.answer}\n",
            f"answer: {two.answer}, {two.wrong[0]}\n",
            f"the marked answer '{two.answer}, {two.wrong[0]}' must be exactly one of the options",
        ),
        "unknown-difficulty": (
            difficulty,
            f"difficulty: {difficulty.difficulty}",
            "difficulty: tricky",
            "difficulty is 'tricky', must be one of easy, medium, hard",
        ),
        "missing-check": (
            evidence,
            f"evidence: {evidence.evidence}",
            "evidence: no/such_check.py",
            "its check 'no/such_check.py' points at a missing file",
        ),
        "missing-section": (
            a,
            f"code: {a.code}",
            f"code: {section}:gone",
            f"its check '{section}:gone' points at a missing section",
        ),
        "disproved-answer": (
            b,
            marked(b),
            marked(b).replace(real(b), real(b) + "0"),
            f"the evidence gives {real(b)!r} but option {b.answer} ({real(b) + '0'!r}) is marked",
        ),
        "no-teaches": (teaches, f"teaches: {teaches.teaches}\n", "", "missing teaches"),
        "teaches-a-missing-anchor": (
            anchor,
            f"teaches: {anchor.teaches}\n",
            "teaches: no-such-section\n",
            "`teaches: no-such-section`, but {lesson} has no heading with that id",
        ),
        "invalid-yaml": (
            yaml_error,
            f"id: {yaml_error.id}\n",
            f"id: {yaml_error.id}\ndifficulty: [unclosed\n",
            "invalid YAML",
        ),
    }


FAULTS = faults()


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> str:
    project = copy_project(tmp_path_factory.mktemp("quiz-faults"))
    for q, original, replacement, _ in FAULTS.values():
        page = project / "docs" / q.page
        text = page.read_text()
        start = text.index(f"id: {q.id}\n")
        end = text.index("```", start)
        assert original in text[start:end], (q.name, original)
        page.write_text(text[:start] + text[start:end].replace(original, replacement, 1) + text[end:])
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    return result.stdout + result.stderr


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_malformed_or_disproved_question_fails_the_build_naming_page_and_question(output, fault):
    q, _, _, message = FAULTS[fault]
    message = message.format(lesson=q.page.rsplit("/", 1)[0] + "/index.md")
    if fault == "invalid-yaml":  # named by the page file's line (the test's other faults shift the lines)
        assert re.search(rf"docs/{re.escape(q.page)}:\d+: question {q.number}: invalid YAML", output), fault
        return
    assert f"{q.name}: {message}" in output, f"{fault}: no '{q.name}: {message}' in the build's output"


def test_an_invalid_yaml_question_is_reported_without_a_traceback(output):
    assert "Traceback" not in output
