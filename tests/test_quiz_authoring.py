"""A malformed or disproved question fails the build; the message names the page and the question.

Each test builds a scratch copy of the project whose first practice page has one question broken.
"""

import pytest

from conftest import LESSONS, mkdocs_build
from quiz_checks import questions

pytestmark = pytest.mark.build
PRACTICE = next(lesson.practice for lesson in LESSONS if lesson.practice)
PAGE = f"docs/{PRACTICE.src_uri}"
Q = next(q for q in questions(PRACTICE.src_uri) if q.verify == "value" and q.code)  # a question with every part
WRONG = Q.wrong[0]


def fence_of(text: str) -> tuple[int, int]:
    """Where question Q's YAML sits in the page."""
    start = text.index(f"id: {Q.id}\n")
    return start, text.index("```", start)


def broken(project, original: str, replacement: str) -> str:
    """Build the project with `original` replaced inside Q's YAML; the build's output."""
    page = project / PAGE
    text = page.read_text()
    start, end = fence_of(text)
    assert original in text[start:end], original
    page.write_text(text[:start] + text[start:end].replace(original, replacement, 1) + text[end:])
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    return result.stdout + result.stderr


NAME = f"{PRACTICE.src_uri}: question {Q.number} ('{Q.id}')"
REAL = Q.options[Q.answer].replace("`", "")  # what the evidence computes
MARKED_OPTION = f"{Q.answer}: \"{Q.options[Q.answer]}\""  # its line in the YAML: an author mistypes it


@pytest.mark.parametrize(
    "original, replacement, message",
    [
        ("kind: verified", "kind: opinion", f"{NAME}: kind is 'opinion', must be one of verified, conceptual"),
        (f"answer: {Q.answer}\n", "", f"{NAME}: missing answer"),
        (f"answer: {Q.answer}\n", f"answer: {Q.answer}, {WRONG}\n", f"{NAME}: the marked answer '{Q.answer}, {WRONG}' must be exactly one of the options"),
        (f"difficulty: {Q.difficulty}", "difficulty: tricky", f"{NAME}: difficulty is 'tricky', must be one of easy, medium, hard"),
        (f"evidence: {Q.evidence}", "evidence: no/such_check.py", f"{NAME}: its check 'no/such_check.py' points at a missing file"),
        (f"code: {Q.code}", f"code: {Q.code.partition(':')[0]}:gone", f"{NAME}: its check '{Q.code.partition(':')[0]}:gone' points at a missing section"),
        (MARKED_OPTION, MARKED_OPTION.replace(REAL, REAL + "0"), f"{NAME}: the evidence gives"),
        (f"teaches: {Q.teaches}\n", "", f"{NAME}: missing teaches"),
        (f"teaches: {Q.teaches}\n", "teaches: no-such-section\n",
         f"{NAME}: `teaches: no-such-section`, but {PRACTICE.src_uri.rsplit('/', 1)[0]}/index.md has no heading with that id"),
    ],
    ids=["neither-kind", "no-marked-answer", "two-marked-answers", "unknown-difficulty", "missing-check", "missing-section",
         "disproved-answer", "no-teaches", "teaches-a-missing-anchor"],
)
def test_a_malformed_question_fails_the_build_naming_page_and_question(scratch_project, original, replacement, message):
    assert message in broken(scratch_project, original, replacement)


def test_a_disproved_answer_names_both_values(scratch_project):
    output = broken(scratch_project, MARKED_OPTION, MARKED_OPTION.replace(REAL, REAL + "0"))
    assert f"the evidence gives {REAL!r} but option {Q.answer} ({REAL + '0'!r}) is marked" in output


def test_invalid_yaml_names_the_page_files_line_without_a_traceback(scratch_project):
    text = (scratch_project / PAGE).read_text()
    line = text[: text.index(f"id: {Q.id}\n")].count("\n") + 2  # the line after the id
    output = broken(scratch_project, f"id: {Q.id}\n", f"id: {Q.id}\ndifficulty: [unclosed\n")
    assert f"{PAGE}:{line}: question {Q.number}: invalid YAML" in output
    assert "Traceback" not in output
