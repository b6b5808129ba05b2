"""The home page lists every declared lesson in order, with its reading time, its modes and the reader's progress."""

import pytest
from bs4 import BeautifulSoup
from quiz_checks import questions

from conftest import LESSONS
from lessonkit import modes


def test_home_lists_the_lessons_in_order_with_their_reading_time(built_site):
    home = BeautifulSoup((built_site / "index.html").read_text(), "html.parser")
    items = home.select("section.home-lesson[data-lesson]")
    assert [item.h2.a.get_text() for item in items] == [lesson.title for lesson in LESSONS]
    for item, lesson in zip(items, LESSONS, strict=True):
        lesson_page = BeautifulSoup((built_site / lesson.folder / "index.html").read_text(), "html.parser")
        minutes = lesson_page.select_one("h1 + p.lesson-meta").get_text().split(" · ")[-1]
        assert item.select_one(".home-meta").get_text().startswith(minutes), lesson.folder


def test_home_offers_each_lesson_its_modes_with_their_purpose(built_site):
    home = BeautifulSoup((built_site / "index.html").read_text(), "html.parser")
    for lesson in LESSONS:
        offered = home.select(f"section.home-lesson[data-lesson='{lesson.folder}'] li.mode")
        names = [item["data-mode"] for item in offered]
        assert {"learn", "practice", "test", "notebook", "flashcards", "cheatsheet"} <= set(names), lesson.folder
        for item in offered:
            assert item.select_one(".mode-purpose-text").get_text() == modes.purpose(item["data-mode"])
    across = [item["data-mode"] for item in home.select("section.home-all li.mode")]
    assert across == ["review", "mixed"]


@pytest.mark.browser
def test_home_shows_progress_from_the_answers_given_on_a_quiz_page(page):
    lesson = next(lesson for lesson in LESSONS if lesson.practice)
    first = questions(lesson.practice.src_uri)[0]
    page.goto(lesson.practice.src_uri.removesuffix(".md") + "/")
    page.locator(f"#{first.id} .quiz-options input[value='{first.answer}']").check()
    page.locator(f"#{first.id} .quiz-check").click()
    page.goto("./")
    total = len(questions(lesson.practice.src_uri))
    progress = page.locator(f".mode-state[data-mode='practice'][data-page-key='{lesson.practice.src_uri}']")
    assert progress.inner_text() == f"(1/{total} answered, 1 correct)"
