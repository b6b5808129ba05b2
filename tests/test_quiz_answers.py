"""Every question on every page: its marked answer is what real PyTorch does, or what its lesson measured."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from quiz_checks import questions

from lessonkit import quiz
from lessonkit.pages import pages

QUIZ_PAGES = [page.src_uri for page in pages() if "```quiz" in page.text]
ALL = [pytest.param(q, id=f"{page}:{q.id}") for page in QUIZ_PAGES for q in questions(page)]
NUMBER = re.compile(r"\d+\.\d+")


def test_the_site_has_quiz_pages():
    assert QUIZ_PAGES, "no page has a ```quiz fence"


@pytest.mark.parametrize("question", [p for p in ALL if p.values[0].kind == "verified"])
def test_verified_marked_answer_is_what_pytorch_does(question):
    _, printed, problem = quiz.run_evidence(question)
    assert problem == "", problem
    assert printed.strip(), f"{question.name}: the evidence shown in the solution prints nothing"


@pytest.mark.parametrize("question", [p for p in ALL if p.values[0].kind == "conceptual"])
def test_conceptual_solution_quotes_numbers_its_lesson_page_shows(question, built_site):
    """A conceptual solution cites the lesson's run: each number it prints is on the built lesson page."""
    _, printed, _ = quiz.run_evidence(question)
    lesson = BeautifulSoup((built_site / Path(question.page).parent / "index.html").read_text(), "html.parser")
    results = [
        block.get_text()
        for block in lesson.select(".tabbed-block, .admonition")
        if not block.find_parent(class_="quiz")
    ]
    shown = set(NUMBER.findall(" ".join(results)))
    quoted = NUMBER.findall(printed)
    assert quoted, f"{question.name}: its evidence cites no number from the lesson"
    assert set(quoted) <= shown, (
        f"{question.name}: quotes {sorted(set(quoted) - shown)}, which its lesson page does not show"
    )
    typed = " ".join([question.question, *question.options.values(), *(s["text"] for s in question.steps)])
    assert not NUMBER.search(typed), f"{question.name}: a number is typed into the question instead of computed"


@pytest.mark.parametrize("question", ALL)
def test_the_solution_links_to_the_lesson_section_that_teaches_it(question, built_site):
    lesson = BeautifulSoup((built_site / Path(question.page).parent / "index.html").read_text(), "html.parser")
    heading = lesson.find(id=question.teaches)
    assert heading is not None and heading.name in ("h2", "h3"), f"{question.name}: no heading #{question.teaches}"
    page = (
        BeautifulSoup((built_site / Path(question.page).with_suffix("") / "index.html").read_text(), "html.parser")
        if not question.page.endswith("index.md")
        else lesson
    )
    link = page.select(f"section#{question.id} details.quiz-solution a[href$='#{question.teaches}']")
    assert link, f"{question.name}: its solution does not link to #{question.teaches}"
    assert link[-1].get_text() == heading.get_text().rstrip("¶").strip(), (
        f"{question.name}: the link is not named after the section"
    )


@pytest.mark.parametrize("question", ALL)
def test_each_options_why_not_reaches_the_page_as_its_own_plain_text(question, built_site):
    # Markup or maths inside a why-not must not break out of its attribute into the option's text.
    src = Path(question.page)
    built = built_site / (src.parent if src.name == "index.md" else src.with_suffix("")) / "index.html"
    section = BeautifulSoup(built.read_text(), "html.parser").select_one(f"section#{question.id}")
    labels = section.select("label[data-why-not]")
    assert len(labels) == len(question.options), f"{question.name}: {len(labels)} options with a why-not attribute"
    for label in labels:
        why_not = label["data-why-not"]
        markup = re.search(r"<[A-Za-z/!]", why_not)  # a tag; a plain "<=" in an error message is text
        assert not markup and "arithmatex" not in why_not, f"{question.name}: why-not {why_not!r}"
        assert '">' not in label.get_text(), f"{question.name}: a why-not leaked into {label.get_text()!r}"
