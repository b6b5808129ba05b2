"""Every lesson opens in a real browser with its title, and the theme's light/dark toggle works."""

import pytest

from conftest import LESSONS, lesson_params

pytestmark = pytest.mark.browser


def url(lesson) -> str:
    return lesson.page.src_uri.removesuffix("index.md")


@pytest.mark.parametrize("lesson", lesson_params())
def test_lesson_opens_with_its_title(page, lesson):
    page.goto(url(lesson))
    assert page.locator("h1").inner_text().rstrip("¶") == lesson.title


def test_palette_toggle_switches_to_dark(page):
    page.goto(url(LESSONS[0]))
    page.locator("label[title='Switch to dark mode']").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
