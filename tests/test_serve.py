"""`make serve` for an author: a failed page becomes an error page naming block and line, and recovers on a fix."""

import pytest

from conftest import LESSONS
from lessonkit import serve

pytestmark = [pytest.mark.build, pytest.mark.browser]
LESSON = LESSONS[0]


@pytest.fixture
def serving(scratch_project, tmp_path):
    """`mkdocs serve` on the scratch copy with the execution cache on, as `make serve` runs it."""
    with serve.serving(scratch_project, {"LESSON_CACHE": str(tmp_path / "cache")}) as server:
        yield server


def test_a_failing_block_shows_an_error_page_that_recovers_on_a_fix(serving, scratch_project, browser):
    base, lines = serving.url, serving.lines
    fence = LESSON.page.fences[0]
    path, line = fence.origins[0]
    snippet = scratch_project / path
    original = snippet.read_text()
    tab = browser.new_page()
    url = base + LESSON.page.src_uri.removesuffix("index.md")
    tab.goto(url, timeout=30_000)
    assert tab.locator("h1").first.inner_text().rstrip("¶") == LESSON.title

    source = original.splitlines(keepends=True)
    source.insert(line - 1, 'raise RuntimeError("an author\'s mistake")\n')
    seen = len(lines)
    with tab.expect_navigation(timeout=150_000):  # livereload reloads the open page
        snippet.write_text("".join(source))
        serving.wait_for("Reloading browsers", seen)
    assert tab.locator("h1").inner_text() == "This page did not build"
    error = tab.locator("li pre").first.inner_text()
    assert f"block '{fence.id}' raised RuntimeError: an author's mistake at {path}:{line}" in error

    seen = len(lines)
    with tab.expect_navigation(timeout=150_000):
        snippet.write_text(original)
        serving.wait_for("Reloading browsers", seen)
    assert tab.locator("h1").first.inner_text().rstrip("¶") == LESSON.title
    tab.close()
