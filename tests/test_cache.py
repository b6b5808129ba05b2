"""`make serve`'s execution cache, on the fixture lesson: a reused page is what a fresh build makes, and a
page runs again as soon as any input of any check it carries changes (its snippets, a file one of them
reads by runpy, its questions' YAML)."""

import re

import pytest
import yaml

from conftest import FIXTURE_LESSON, mkdocs_build
from lessonkit import pages

pytestmark = pytest.mark.build
LESSON, PRACTICE, TEST = (f"{FIXTURE_LESSON}/{name}.md" for name in ("index", "practice", "test"))


def cached_build(project, cache) -> tuple[dict[str, str], str]:
    """Each page's "ran" or "reused", and the build's output; the build must pass."""
    result = mkdocs_build(project, project / "site", LESSON_CACHE=str(cache))
    assert result.returncode == 0, result.stderr
    return {m[1]: m[2] for m in re.finditer(r"INFO +-  ([\w/.-]+\.md): (ran|reused)", result.stderr)}, result.stderr


def ran(how: dict[str, str]) -> set[str]:
    return {page for page, what in how.items() if what == "ran"}


@pytest.fixture
def cache(fixture_project, tmp_path):
    """A cache filled by one build of the fixture project."""
    folder = tmp_path / "cache"
    first, _ = cached_build(fixture_project, folder)
    assert set(first.values()) == {"ran"} and {LESSON, PRACTICE, TEST} <= set(first), first
    return folder


def test_a_cached_build_reuses_every_page_and_gives_the_fresh_builds_pages(fixture_project, cache, tmp_path):
    second, _ = cached_build(fixture_project, cache)
    assert ran(second) == set(), second
    fresh = mkdocs_build(fixture_project, tmp_path / "fresh")
    assert fresh.returncode == 0, fresh.stderr
    for page in sorted((tmp_path / "fresh").rglob("*.html")):
        relative = page.relative_to(tmp_path / "fresh")
        assert (fixture_project / "site" / relative).read_text() == page.read_text(), f"{relative} differs when reused"


def test_an_edit_to_a_questions_evidence_re_runs_its_page_only(fixture_project, cache):
    evidence = re.search(r"^evidence: (\S+)", (fixture_project / "docs" / PRACTICE).read_text(), flags=re.M)[1]
    with open(fixture_project / "snippets" / evidence, "a") as snippet:
        snippet.write("\n# an edit\n")
    assert ran(cached_build(fixture_project, cache)[0]) == {PRACTICE}


def test_an_edit_to_a_snippet_another_page_runs_by_runpy_re_runs_that_page(fixture_project, cache):
    evidence = (fixture_project / "snippets").rglob("*.py")
    runner = next(path for path in evidence if "runpy.run_path" in path.read_text())
    target = re.search(r'run_path\("([^"]+)"\)', runner.read_text())[1]
    with open(fixture_project / target, "a") as snippet:
        snippet.write("\n# an edit\n")
    assert TEST in ran(cached_build(fixture_project, cache)[0])


def test_a_wrong_marked_answer_fails_even_with_a_cache_entry(fixture_project, cache):
    page = fixture_project / "docs" / PRACTICE
    text = page.read_text()
    fence = pages.QUIZ_FENCE.search(text)
    question = yaml.safe_load(fence[1])
    question["options"][question["answer"]] += " (edited)"  # the marked option no longer says what its code gives
    page.write_text(text[: fence.start(1)] + yaml.safe_dump(question, sort_keys=False) + text[fence.end(1) :])
    result = mkdocs_build(fixture_project, fixture_project / "site", LESSON_CACHE=str(cache))
    assert result.returncode != 0
    assert f"but option {question['answer']} " in result.stderr and "is marked" in result.stderr, result.stderr


def test_an_edit_to_the_home_page_runs_no_code(fixture_project, cache):
    with open(fixture_project / "docs" / "index.md", "a") as home:
        home.write("\nOne more sentence.\n")
    assert ran(cached_build(fixture_project, cache)[0]) == set()
