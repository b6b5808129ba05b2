"""Every page, run through the runner the build uses (lessonkit.runner.PageRun), prints what the build printed.

This replaces pytest-markdown-docs: it collected each fence as a test through a private plug-in point,
without the build's rules (sessions, includes, the questions' checks, time limits) and discarded the
output. Here each page runs exactly as the build runs it, every rule applied, and its outputs are
compared block by block with those the shared build recorded (tests/conftest.py, `built_site`).
"""

import json

import pytest

from conftest import selected
from lessonkit import pages
from lessonkit.runner import PageRun

CODE_PAGES = [
    page
    for page in pages.pages()
    if selected(page.src_uri) and ('exec="on"' in page.text or pages.QUIZ_FENCE.search(page.text))
]


def built_outputs(built_site, page: pages.Page) -> dict[str, str]:
    """What the build printed for each block of the page (its cache entry, written by the shared build)."""
    entries = sorted((built_site.parent / "site-cache" / "pages" / page.src_uri.replace("/", "--")).glob("*.json"))
    assert entries, f"the build recorded no outputs for {page.src_uri}"
    return json.loads(entries[0].read_text(encoding="utf-8"))["outputs"]


@pytest.mark.parametrize("page", CODE_PAGES, ids=lambda page: page.src_uri)
def test_a_page_run_alone_prints_block_by_block_what_the_build_printed(page, built_site):
    run = PageRun.of_page(page)
    outputs = run.run_all()
    assert run.failures == [], "\n".join(run.failures)
    built = built_outputs(built_site, page)
    assert list(outputs) == list(built), f"{page.src_uri}: the runner and the build ran different blocks"
    differing = [block for block in outputs if outputs[block] != built[block]]
    assert differing == [], f"{page.src_uri}: these blocks print otherwise than in the build: {differing}"


# -- The rules of a block, in this process (no build): what PageRun applies for the build and the tests --


def page_run(markdown: str) -> PageRun:
    run = PageRun("some/page.md", timeout=5)
    run.read(markdown)
    return run


def fence(block: str, code: str, session: str = "s", source: str = "tabbed-right") -> str:
    return f'```python exec="on" source="{source}" session="{session}" id="{block}"\n{code}\n```\n'


def test_a_block_after_a_failure_in_its_session_is_skipped_and_others_run():
    run = page_run(fence("a", "raise ValueError('x')") + fence("b", "print(1)") + fence("c", "print(2)", session="t"))
    assert run.run_all() == {"a": "", "b": "", "c": "2\n"}
    assert len(run.failures) == 1 and "block 'a' raised ValueError: x" in run.failures[0]


def test_a_tabbed_block_that_prints_nothing_fails_and_a_definition_does_not():
    run = page_run(fence("quiet", "x = 1") + fence("definition", "y = 2", source="above"))
    run.run_all()
    assert [message.split(": ")[1] for message in run.failures] == ["block 'quiet' prints nothing into its Result tab"]


def test_a_check_that_finds_a_problem_is_a_failure_and_its_facts_are_kept():
    run = page_run(fence("evidence", "answer = 3\nprint(answer)"))
    run.expect("evidence", lambda namespace: ("wrong" if namespace["answer"] != 4 else "", {"answer": 3}))
    run.run_all()
    assert run.failures == ["wrong"] and run.facts == {"evidence": {"answer": 3}}


def test_the_cache_key_changes_with_the_questions_yaml():
    question = "```quiz\nid: q\nanswer: {}\n```\n"
    keys = {page_run(fence("a", "print(1)") + question.format(letter)).key for letter in "AB"}
    assert len(keys) == 2
