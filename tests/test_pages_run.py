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
