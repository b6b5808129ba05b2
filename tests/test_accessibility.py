"""Every built page, in the light and the dark palette, has no WCAG 2.2 AA or best-practice violation."""

import pytest
from a11y import assert_no_axe_violations, axe_violations
from quiz_checks import questions

from conftest import lesson_params

pytestmark = pytest.mark.browser


def page_paths(site) -> list[str]:
    """Every built page as a path relative to the site root (a directory URL for index.html)."""
    return [page.relative_to(site).as_posix().removesuffix("index.html") for page in sorted(site.rglob("*.html"))]


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_every_page_has_no_axe_violations(page, built_site, scheme, palette):
    page.emulate_media(color_scheme=scheme)  # Material follows the system's scheme until the reader picks one
    found = {}
    for path in page_paths(built_site):
        page.goto(path)
        assert page.locator("body").get_attribute("data-md-color-scheme") == palette, path
        if violations := axe_violations(page):
            found[path] = violations
    assert found == {}


def test_the_axe_check_fails_on_an_image_without_alt(page):
    page.goto("rnn/")
    page.locator("article").evaluate("article => article.append(document.createElement('img'))")
    with pytest.raises(AssertionError, match=r"image-alt \(critical\): img: Element does not have an alt attribute"):
        assert_no_axe_violations(page)


def _answer(page, qid, letter):
    page.locator(f"#{qid} .quiz-options input[value='{letter}']").check()
    page.locator(f"#{qid} .quiz-check").click()


@pytest.mark.parametrize("lesson", lesson_params())
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_modes_states_have_no_axe_violations(page, lesson, scheme):
    """An exam revealed, answered wrong and finished; a prediction made; a card open; a review answered."""
    page.emulate_media(color_scheme=scheme)
    if lesson.test is not None:
        qs = questions(lesson.test.src_uri)
        page.goto(lesson.test.src_uri.removesuffix(".md") + "/")
        page.locator(f"#{qs[0].id} .quiz-reveal").click()
        _answer(page, qs[1].id, qs[1].wrong[0])
        assert_no_axe_violations(page)  # revealed, answered
        for q in qs[2:]:
            _answer(page, q.id, q.answer)
        assert_no_axe_violations(page)  # finished
    page.goto(lesson.folder + "/")
    if page.locator(".predict-form").count():
        page.locator(".predict-form input").first.fill("(1, 2)")
        page.locator(".predict-form button").first.click()
        assert_no_axe_violations(page)  # a prediction made, the output shown
    page.goto(lesson.folder + "/flashcards/")
    page.locator("details.flashcard summary").first.click()
    assert_no_axe_violations(page)
    page.goto("review/")
    due = page.locator(".review-questions section.quiz:visible")
    if due.count():
        qid = due.first.get_attribute("id")
        page.locator(f"#{qid} .quiz-options input").first.check()
        page.locator(f"#{qid} .quiz-check").click()
    assert_no_axe_violations(page)  # review, answered
