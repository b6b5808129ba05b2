"""`make serve` for an author, on the fixture lesson: a failed page becomes an error page naming block and
line (at start-up too) and recovers on a fix; with the cache on, a wrong marked answer is still reported
and an edit to a file that a page runs by runpy runs that page again."""

import re
import urllib.request

import pytest
import yaml

from conftest import FIXTURE_LESSON, first_code_line
from lessonkit import pages, serve

pytestmark = pytest.mark.build
LESSON_URL = f"{FIXTURE_LESSON}/"


@pytest.fixture
def serving(fixture_project, tmp_path):
    """`mkdocs serve` on the fixture copy with the execution cache on, as `make serve` runs it."""
    with serve.serving(fixture_project, {"LESSON_CACHE": str(tmp_path / "cache")}) as server:
        yield server


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def rebuilt(server, edit) -> None:
    """Make `edit` and wait until the server has built the site again."""
    seen = len(server.lines)
    edit()
    server.wait_for("Documentation built", seen)


@pytest.mark.browser
def test_a_failing_block_shows_an_error_page_that_recovers_on_a_fix(serving, fixture_project, browser):
    base, lines = serving.url, serving.lines
    page_file = fixture_project / "docs" / LESSON_URL / "index.md"
    path, line = first_code_line(fixture_project, re.search(r'^--8<-- "([^"]+)"', page_file.read_text(), flags=re.M)[1])
    snippet = fixture_project / path
    original = snippet.read_text()
    source = original.splitlines(keepends=True)
    source.insert(line - 1, 'raise RuntimeError("an author\'s mistake")\n')
    tab = browser.new_page()
    tab.goto(base + LESSON_URL, timeout=30_000)
    title = tab.locator("h1").first.inner_text().rstrip("¶")

    seen = len(lines)
    with tab.expect_navigation(timeout=150_000):  # livereload reloads the open page
        snippet.write_text("".join(source))
        serving.wait_for("Reloading browsers", seen)
    assert tab.locator("h1").inner_text() == "This page did not build"
    error = tab.locator("li pre").first.inner_text()
    assert f"raised RuntimeError: an author's mistake at {path}:{line}" in error

    seen = len(lines)
    with tab.expect_navigation(timeout=150_000):
        snippet.write_text(original)
        serving.wait_for("Reloading browsers", seen)
    assert tab.locator("h1").first.inner_text().rstrip("¶") == title
    tab.close()


def test_a_failure_at_start_up_shows_the_error_page(fixture_project, tmp_path):
    home = fixture_project / "docs" / "index.md"
    home.write_text(home.read_text() + "\nThere are {{ questions:no-such-page.md }} questions.\n")
    with serve.serving(fixture_project, {"LESSON_CACHE": str(tmp_path / "cache")}) as server:
        page = fetch(server.url)
    assert "This page did not build" in page and "no-such-page.md" in page


def test_with_the_cache_a_wrong_marked_answer_is_reported_and_a_runpy_edit_re_runs(serving, fixture_project):
    practice = fixture_project / "docs" / FIXTURE_LESSON / "practice.md"
    text = practice.read_text()
    fence = pages.QUIZ_FENCE.search(text)
    question = yaml.safe_load(fence[1])
    question["options"][question["answer"]] += " (edited)"
    wrong = text[: fence.start(1)] + yaml.safe_dump(question, sort_keys=False) + text[fence.end(1) :]
    rebuilt(serving, lambda: practice.write_text(wrong))
    page = fetch(serving.url + f"{FIXTURE_LESSON}/practice/")
    assert "This page did not build" in page and f"but option {question['answer']} " in page

    runner = next(p for p in (fixture_project / "snippets").rglob("*.py") if "runpy.run_path" in p.read_text())
    target = fixture_project / re.search(r'run_path\("([^"]+)"\)', runner.read_text())[1]
    seen = len(serving.lines)
    rebuilt(serving, lambda: target.write_text(target.read_text() + "\n# an edit\n"))
    log = "".join(serving.lines[seen:])
    page_of_runner = runner.parent.name + ".md"  # snippets/<lesson>/<page>/ belongs to docs/<lesson>/<page>.md
    assert re.search(rf"{FIXTURE_LESSON}/{page_of_runner}: ran", log), log
