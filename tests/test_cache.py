"""`make serve`'s execution cache: a reused page is what a fresh build makes; an edit re-runs what it touches."""

import os
import re

import pytest
from quiz_checks import questions

from conftest import LESSONS, mkdocs_build

pytestmark = pytest.mark.build


def cached_build(project, cache):
    os.environ["LESSON_CACHE"] = str(cache)
    try:
        result = mkdocs_build(project, project / "site")
    finally:
        del os.environ["LESSON_CACHE"]
    assert result.returncode == 0, result.stderr
    return {m[1]: m[2] for m in re.finditer(r"INFO +-  ([\w/.-]+): (ran|reused)", result.stderr)}


def test_a_cached_build_reuses_every_page_and_gives_the_fresh_builds_pages(scratch_project, tmp_path, built_site):
    cache = tmp_path / "cache"
    first = cached_build(scratch_project, cache)
    assert set(first.values()) == {"ran"}, first
    second = cached_build(scratch_project, cache)
    assert set(second) == set(first) and set(second.values()) == {"reused"}, second
    for page in sorted(built_site.rglob("*.html")) + sorted(built_site.rglob("*.ipynb")):
        relative = page.relative_to(built_site)
        assert (scratch_project / "site" / relative).read_text() == page.read_text(), f"{relative} differs when reused"

    # An edit to a question's evidence snippet re-runs its page, and no other page.
    test_page = next(lesson.test for lesson in LESSONS if lesson.test)
    question = next(q for q in questions(test_page.src_uri) if q.kind == "verified")
    snippet = scratch_project / "snippets" / question.evidence.partition(":")[0]
    snippet.write_text(snippet.read_text() + "\n# an edit\n")
    third = cached_build(scratch_project, cache)
    assert {page for page, how in third.items() if how == "ran"} == {test_page.src_uri}, third


def test_an_edit_to_the_home_page_runs_no_code(scratch_project, tmp_path):
    cache = tmp_path / "cache"
    cached_build(scratch_project, cache)
    with open(scratch_project / "docs" / "index.md", "a") as home:
        home.write("\nOne more sentence.\n")
    assert set(cached_build(scratch_project, cache).values()) == {"reused"}
