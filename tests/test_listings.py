"""Every listing a reader can copy runs as shown: from an empty folder, in a fresh interpreter.

The listings are taken from the built HTML, as the copy button copies them (a code block's text).
A solution's Source tab runs alone and prints what its Result tab shows; a lesson page's listings,
in page order, run as one script; a question's code runs, or fails with the very error its solution
shows (code meant to fail).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from conftest import LESSONS
from lessonkit import pages, quiz

READER_HAS = {"torch", "matplotlib", "numpy", "IPython"}  # the project's dependencies a listing may import
TIMEOUT = 240  # seconds: a lesson page's script trains its models


@dataclass
class Listing:
    page: str  # e.g. rnn/practice.md
    where: str  # the block or question, for messages
    code: str
    result: Tag | None = None  # the Result tab beside it, if any


def built_page(site: Path, src_uri: str) -> BeautifulSoup:
    path = site / (str(Path(src_uri).with_suffix("")).removesuffix("index").rstrip("/") + "/index.html").lstrip("/")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tab_of(block: Tag) -> tuple[str, Tag | None]:
    """The label of the tab a code block sits in ("" outside tabs), and that tab set's Result tab."""
    tab = block.find_parent(class_="tabbed-block")
    if tab is None:
        return "", None
    tabs = tab.find_parent(class_="tabbed-set")
    labels = [label.get_text(strip=True) for label in tabs.select(":scope > .tabbed-labels > label")]
    blocks = tabs.select(":scope > .tabbed-content > .tabbed-block")
    named = dict(zip(labels, blocks, strict=False))
    return labels[blocks.index(tab)], named.get("Result")


def listings(site: Path, src_uri: str) -> list[Listing]:
    """The copyable code of a page in page order: no Result tab's printed code, each with its Result tab."""
    found = []
    for number, block in enumerate(built_page(site, src_uri).select("article div.highlight"), start=1):
        label, result = tab_of(block)
        if label == "Result":
            continue
        section = block.find_parent("section", class_="quiz")
        if section is None:
            where = f"listing {number}"
        elif block.find_parent("details", class_="quiz-solution"):
            where = f"question '{section['id']}', its solution"
        else:
            where = f"question '{section['id']}', its code"
        found.append(Listing(src_uri, where, block.pre.code.get_text(), result if label == "Source" else None))
    return found


def run(code: str, folder: Path) -> subprocess.CompletedProcess:
    """The listing as a reader runs it: saved in an empty folder, `python listing.py`, nothing else on the path."""
    (folder / "listing.py").write_text(code, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MPL"))} | {"MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, "-I", "listing.py"], cwd=folder, env=env, capture_output=True, text=True, timeout=TIMEOUT
    )


def last_error(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line and not line.startswith(" ")]
    return lines[-1] if lines else "(no message)"


def words(html_text: str) -> list[str]:
    """What a reader reads in rendered output, whitespace aside; figures aside (a fresh interpreter draws none)."""
    soup = BeautifulSoup(html_text, "html.parser")
    for figure in soup.select("figure, svg, img"):
        figure.decompose()
    return soup.get_text(" ").split()


def rendered(printed: str) -> str:
    """Printed output as the page renders it (Markdown: tables, admonitions)."""
    return markdown.markdown(printed, extensions=["tables", "admonition", "md_in_html", "pymdownx.superfences"])


def imports_outside(code: str) -> set[str]:
    """Top-level modules a listing imports that a reader does not have (neither stdlib nor a dependency)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()  # running it reports that, with the line
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - READER_HAS


def quiz_pages() -> list:
    return [page for lesson in LESSONS for page in [lesson.page, lesson.practice, lesson.test] if page]


def questions(page: pages.Page) -> dict[str, quiz.Question]:
    return {q.id: q for q in quiz.parse(page.text, page.src_uri)}


SOLUTIONS = [
    pytest.param(page.src_uri, q.id, id=f"{page.src_uri}::{q.id}")
    for page in quiz_pages()
    for q in questions(page).values()
]


def find(site: Path, src_uri: str, question: str, part: str) -> Listing | None:
    wanted = f"question '{question}', its {part}"
    return next((listing for listing in listings(site, src_uri) if listing.where == wanted), None)


@pytest.mark.parametrize(("src_uri", "question"), SOLUTIONS)
def test_a_solutions_listing_runs_alone_and_prints_its_result_tab(built_site, tmp_path, src_uri, question):
    listing = find(built_site, src_uri, question, "solution")
    assert listing is not None, f"{src_uri}: question '{question}' shows no solution listing"
    where = f"{src_uri}: {listing.where}"
    assert imports_outside(listing.code) == set(), f"{where} imports what a reader does not have"
    done = run(listing.code, tmp_path)
    assert done.returncode == 0, f"{where} fails when copied: {last_error(done.stderr)}"
    assert words(rendered(done.stdout)) == words(str(listing.result)), f"{where} prints other than its Result tab"


@pytest.mark.parametrize(("src_uri", "question"), SOLUTIONS)
def test_a_questions_code_runs_or_fails_with_the_error_its_solution_states(built_site, tmp_path, src_uri, question):
    """Copied, a question's code runs; code meant to fail fails with the very error its solution shows."""
    listing = find(built_site, src_uri, question, "code")
    if listing is None:
        return  # a question without code of its own
    where = f"{src_uri}: {listing.where}"
    assert imports_outside(listing.code) == set(), f"{where} imports what a reader does not have"
    done = run(listing.code, tmp_path)
    if done.returncode == 0:
        return
    error = last_error(done.stderr)
    solution = find(built_site, src_uri, question, "solution")
    stated = " ".join(words(str(solution.result))) if solution and solution.result else ""
    assert " ".join(error.split()) in stated, f"{where} fails with {error!r}, which its solution does not state"


@pytest.mark.parametrize("lesson", [pytest.param(lesson, id=lesson.folder) for lesson in LESSONS])
def test_a_lesson_pages_listings_in_page_order_run_as_one_script(built_site, tmp_path, lesson):
    code = [
        listing.code for listing in listings(built_site, lesson.page.src_uri) if listing.where.startswith("listing")
    ]
    script = "\n\n".join(code)
    where = f"{lesson.page.src_uri}: its {len(code)} listings as one script"
    assert imports_outside(script) == set(), f"{where} imports what a reader does not have"
    done = run(script, tmp_path)
    line = re.findall(r'File "listing\.py", line (\d+)', done.stderr)
    at = f" (script line {line[-1]}: {script.splitlines()[int(line[-1]) - 1].strip()!r})" if line else ""
    assert done.returncode == 0, f"{where} fails: {last_error(done.stderr)}{at}"
