"""The served lesson opens in a real browser, and the theme's light/dark toggle works."""

import pytest

pytestmark = pytest.mark.browser


def test_lesson_opens_with_its_title_and_plot(page):
    page.goto("rnn/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Why RNNs handle sequences in PyTorch"
    assert page.locator(".lesson-plot svg").is_visible()


def test_palette_toggle_switches_to_dark(page):
    page.goto("rnn/")
    page.locator("label[title='Switch to dark mode']").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
