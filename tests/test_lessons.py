"""What every lesson page promises, in the site's format: header, both paths, the Key insight, the stamp."""

import itertools
import re

import pytest
import torch
from bs4 import BeautifulSoup
from quiz_checks import questions

from conftest import lesson_params
from lessonkit.quiz import DIFFICULTIES

PRACTICE_QUESTIONS, TEST_QUESTIONS = 5, 10  # the format: five to practise, ten to test


@pytest.fixture(params=lesson_params())
def lesson_html(request, built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site / request.param.folder / "index.html").read_text(), "html.parser")


def test_page_header_gives_framework_and_reading_time(lesson_html):
    meta = lesson_html.select_one("h1 + p.lesson-meta").get_text()
    assert re.fullmatch(r"PyTorch · \d+ min read", meta)


def test_page_offers_both_paths_learn_and_test(lesson_html):
    hrefs = [a["href"] for a in lesson_html.select(".grid.cards a")]
    assert hrefs == ["practice/", "test/"]


def test_key_insight_is_an_admonition_without_tabs(lesson_html):
    admonition = lesson_html.select_one(".admonition.tip")
    assert admonition.select_one(".admonition-title").get_text() == "Key insight"
    assert not admonition.find_parent(class_="tabbed-set")


def test_footer_names_the_torch_version_that_ran(lesson_html):
    stamp = lesson_html.select_one(".md-copyright__highlight").get_text().strip()
    assert stamp == f"Verified with torch {torch.__version__}"


@pytest.mark.parametrize("lesson", lesson_params())
def test_practice_holds_the_formats_questions_easy_to_hard(lesson):
    qs = questions(lesson.practice.src_uri)
    assert len(qs) == PRACTICE_QUESTIONS, f"{lesson.practice.src_uri}: {len(qs)} questions"
    for before, after in itertools.pairwise(qs):
        rank = DIFFICULTIES.index
        assert rank(before.difficulty) <= rank(after.difficulty), (
            f"{after.name} is {after.difficulty} after {before.name}, {before.difficulty}: easy to hard"
        )


@pytest.mark.parametrize("lesson", lesson_params())
def test_the_test_holds_the_formats_questions_at_least_three_of_each_difficulty(lesson):
    qs = questions(lesson.test.src_uri)
    assert len(qs) == TEST_QUESTIONS, f"{lesson.test.src_uri}: {len(qs)} questions"
    for level in DIFFICULTIES:
        named = [q.id for q in qs if q.difficulty == level]
        assert len(named) >= 3, f"{lesson.test.src_uri}: {level} questions are only {named}"
