"""The packing pages' claims hold on the run (checked here until the build evaluates them, issue 19)."""

import re

import pytest
from quiz_checks import questions, run_evidence

from conftest import ROOT, run_lesson

CLAIM = re.compile(r"<!-- claim: (.*?) -->")
PAGES = ["packing/index.md", "packing/practice.md", "packing/test.md"]


def test_every_prose_claim_of_the_lesson_holds_on_its_run():
    text = (ROOT / "docs" / "packing" / "index.md").read_text()
    claims = CLAIM.findall(text)
    assert claims, "the lesson states results: it carries claims"
    namespace, _ = run_lesson("packing/index.md")
    false = [c for c in claims if not eval(c, namespace, {})]  # the names each claim reads are never rebound later
    assert false == []


@pytest.mark.parametrize(
    "question", [pytest.param(q, id=f"{q.page}:{q.id}") for page in PAGES for q in questions(page) if q.claims]
)
def test_every_question_claim_holds_on_its_evidence(question):
    namespace, _ = run_evidence(question)
    for part, expressions in question.claims.items():
        for expression in [expressions] if isinstance(expressions, str) else expressions:
            assert eval(expression, namespace, {}), f"{question.id} {part}: {expression}"
