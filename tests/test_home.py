"""The home page lists every declared lesson in order, with its reading time and the reader's progress."""

import pytest
from bs4 import BeautifulSoup
from quiz_checks import questions

from conftest import LESSONS


def test_home_lists_the_lessons_in_order_with_their_reading_time(built_site):
    home = BeautifulSoup((built_site / "index.html").read_text(), "html.parser")
    items = home.select("ol.track > li")
    assert [item.a.get_text() for item in items] == [lesson.title for lesson in LESSONS]
    for item, lesson in zip(items, LESSONS, strict=True):
        lesson_page = BeautifulSoup((built_site / lesson.folder / "index.html").read_text(), "html.parser")
        minutes = lesson_page.select_one("h1 + p.lesson-meta").get_text().split(" · ")[-1]
        assert item.select_one(".track-time").get_text() == minutes, lesson.folder


@pytest.mark.browser
def test_home_shows_progress_from_the_answers_given_on_a_quiz_page(page):
    lesson = next(lesson for lesson in LESSONS if lesson.practice)
    first = questions(lesson.practice.src_uri)[0]
    page.goto(lesson.practice.src_uri.removesuffix(".md") + "/")
    page.locator(f"#{first.id} .quiz-options input[value='{first.answer}']").check()
    page.locator(f"#{first.id} .quiz-check").click()
    page.goto("./")
    total = len(questions(lesson.practice.src_uri))
    progress = page.locator(f".track-progress[data-quiz-page$='{lesson.practice.src_uri.removesuffix('.md')}/']")
    assert progress.inner_text() == f"(1/{total} answered)"
