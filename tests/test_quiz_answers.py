"""Every question on every page: its marked answer is what real PyTorch does, or what the lesson measured."""

import pytest

from conftest import ROOT
from quiz_checks import assert_cited_result_is_generated, assert_marked_answer_is_what_pytorch_does, questions

PAGES = sorted(str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md") if "```quiz" in p.read_text())
ALL = [pytest.param(q, id=f"{page}:{q.id}") for page in PAGES for q in questions(page)]


def test_the_quiz_pages_are_found():
    assert PAGES == ["rnn/index.md", "rnn/practice.md", "rnn/test.md"]


@pytest.mark.parametrize("question", [p for p in ALL if p.values[0].kind == "verified"])
def test_verified_marked_answer_is_what_pytorch_does(question):
    assert_marked_answer_is_what_pytorch_does(question)


@pytest.mark.parametrize("question", [p for p in ALL if p.values[0].kind == "conceptual"])
def test_conceptual_solution_cites_the_lessons_computed_result(question, lesson_namespace):
    assert_cited_result_is_generated(question, lesson_namespace)
