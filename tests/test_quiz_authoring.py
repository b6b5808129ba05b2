"""A malformed question fails the build, and the message names the page and the question.

Each test builds a scratch copy of the project whose practice page has one question broken.
"""

import pytest

from conftest import mkdocs_build

pytestmark = pytest.mark.build
PAGE = "docs/rnn/practice.md"


@pytest.mark.parametrize(
    "original, broken, message",
    [
        ("kind: verified\nverify: value\ncode", "kind: opinion\nverify: value\ncode",
         "question 3 ('output-shape'): kind is 'opinion', must be one of verified, conceptual"),
        ("answer: C\n", "",
         "question 3 ('output-shape'): missing answer"),
        ("answer: C\n", "answer: B, C\n",
         "question 3 ('output-shape'): the marked answer 'B, C' must be exactly one of the options A, B, C, D"),
        ("difficulty: medium\nkind: verified\nverify: value\ncode", "difficulty: tricky\nkind: verified\nverify: value\ncode",
         "question 3 ('output-shape'): difficulty is 'tricky', must be one of easy, medium, hard"),
        ("evidence: rnn/practice/output_shape.py\n", "evidence: rnn/practice/no_such_check.py\n",
         "question 3 ('output-shape'): its check 'rnn/practice/no_such_check.py' points at a missing file"),
        ("code: rnn/practice/output_shape.py:question", "code: rnn/practice/output_shape.py:gone",
         "question 3 ('output-shape'): its check 'rnn/practice/output_shape.py:gone' points at a missing section"),
    ],
    ids=["neither-kind", "no-marked-answer", "two-marked-answers", "unknown-difficulty", "missing-check", "missing-section"],
)
def test_a_malformed_question_fails_the_build_naming_page_and_question(scratch_project, original, broken, message):
    page = scratch_project / PAGE
    text = page.read_text()
    assert original in text
    page.write_text(text.replace(original, broken, 1))  # the first match is in question 3
    result = mkdocs_build(scratch_project, scratch_project / "site")
    assert result.returncode != 0
    assert f"rnn/practice.md: {message}" in result.stdout + result.stderr
