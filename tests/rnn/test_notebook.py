"""The lesson as a notebook ("Run it yourself"): built from the page's code, run at every build, downloadable."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from conftest import ROOT, mkdocs_build

LESSON = "rnn/index.html"
NOTEBOOK_PAGE = "rnn/rnn-lesson/index.html"
DOWNLOAD = "rnn/rnn-lesson/rnn-lesson.ipynb"
NOT_FROM_THE_PAGE = {"show-printed-markdown"}  # the one code cell the hook adds (it renders printouts)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def numbers(html: str) -> list[str]:
    """Every number in the text a reader sees (not in tags' attributes, such as SVG coordinates)."""
    return NUMBER.findall(BeautifulSoup(html, "html.parser").get_text())


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(), "html.parser")


def page_fences() -> list[tuple[str, str]]:
    """The lesson page's exec fences, in page order: (id, include lines)."""
    page = (ROOT / "docs" / "rnn" / "index.md").read_text()
    return re.findall(r'^```python exec="on"[^\n]*\bid="([^"]+)"\n(.*?)^```', page, flags=re.MULTILINE | re.DOTALL)


def snippet_section(include: str) -> str:
    """The text of `--8<-- "path:name"`, read straight from the snippet file between its markers."""
    path, name = re.fullmatch(r'--8<-- "([^":]+):([^"]+)"', include.strip()).groups()
    text = (ROOT / "snippets" / path).read_text()
    start, end = re.escape(f"# --8<-- [start:{name}]"), re.escape(f"# --8<-- [end:{name}]")
    return re.search(rf"^{start}\n(.*?)^{end}", text, flags=re.MULTILINE | re.DOTALL).group(1)


@pytest.fixture(scope="module")
def downloaded(built_site) -> nbformat.NotebookNode:
    notebook = nbformat.read(built_site / DOWNLOAD, as_version=4)
    nbformat.validate(notebook)
    return notebook


@pytest.fixture(scope="module")
def fresh_run(built_site, tmp_path_factory) -> nbformat.NotebookNode:
    """The downloaded file, run alone in an empty folder on a new kernel, as a reader runs it."""
    folder = tmp_path_factory.mktemp("reader")
    shutil.copy(built_site / DOWNLOAD, folder)
    notebook = nbformat.read(folder / Path(DOWNLOAD).name, as_version=4)
    resources = {"metadata": {"path": str(folder)}}
    NotebookClient(notebook, kernel_name="python3", timeout=120, allow_errors=True, resources=resources).execute()
    return notebook  # a cell that raised holds an "error" output, and the cells after it still ran


def test_notebook_cells_are_the_lesson_pages_code_in_page_order(downloaded):
    code = {cell.id: cell.source for cell in downloaded.cells if cell.cell_type == "code"}
    fences = page_fences()
    assert [name for name in code if name not in NOT_FROM_THE_PAGE] == [name for name, _ in fences]
    for name, includes in fences:
        assert code[name] == "".join(snippet_section(line) for line in includes.splitlines()).strip(), name


def test_downloaded_notebook_runs_top_to_bottom_in_a_fresh_kernel(fresh_run):
    code = [cell for cell in fresh_run.cells if cell.cell_type == "code"]
    outputs = [(cell.id, out) for cell in code for out in cell.outputs]
    errors = [f"{name}: {out.ename}: {out.evalue}" for name, out in outputs if out.output_type == "error"]
    assert errors == []
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))


def test_downloaded_notebook_holds_what_its_build_printed_on_a_fresh_kernel(downloaded, fresh_run):
    code = [cell for cell in downloaded.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    assert [cell.outputs for cell in code] == [cell.outputs for cell in fresh_run.cells if cell.cell_type == "code"]


def test_downloaded_notebook_needs_only_torch_matplotlib_and_the_standard_library(downloaded):
    imported = set()
    for cell in downloaded.cells:
        if cell.cell_type == "code":
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Import):
                    imported |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom):
                    imported.add(node.module.split(".")[0])
    # IPython is the kernel itself: any Jupyter that runs the file has it.
    assert imported - set(sys.stdlib_module_names) == {"torch", "matplotlib", "IPython"}


def test_notebook_prints_the_same_numbers_as_the_lesson_page(built_site, fresh_run):
    # each block's Result tab, and the Key insight, an admonition printed by a block without tabs
    results = soup(built_site, LESSON).select(".tabbed-set > .tabbed-content > .tabbed-block:first-child, .admonition")
    lesson = [result for result in results if not result.find_parent(class_="quiz")]  # quizzes: page only
    on_lesson_page = numbers("".join(map(str, lesson)))
    notebook_page = soup(built_site, NOTEBOOK_PAGE).select(".jp-OutputArea-output")
    on_notebook_page = numbers("".join(map(str, notebook_page)))
    outputs = [out for cell in fresh_run.cells for out in cell.get("outputs", [])]
    printed = [out.get("text") or out.get("data", {}).get("text/markdown", "") for out in outputs]
    in_a_fresh_kernel = numbers("".join(printed))
    assert len(on_lesson_page) > 100
    assert on_notebook_page == on_lesson_page
    assert in_a_fresh_kernel == on_lesson_page


def test_notebook_page_shows_the_lesson_pages_key_insight_as_a_quote_not_as_code(built_site):
    tip = soup(built_site, LESSON).select_one(".admonition.tip")
    title, *body = [" ".join(p.get_text().split()) for p in tip.find_all("p")]
    outputs = soup(built_site, NOTEBOOK_PAGE).select(".jp-OutputArea-output")
    quote = next(output.blockquote for output in outputs if title in output.get_text())
    assert [" ".join(p.get_text().split()) for p in quote.find_all("p")] == [title, *body]
    assert quote.p.strong.get_text() == title
    assert "!!!" not in "".join(output.get_text() for output in outputs)


@pytest.mark.parametrize("page", [LESSON, NOTEBOOK_PAGE])
def test_page_header_offers_the_notebook_for_download(built_site, page):
    link = soup(built_site, page).select_one("a.md-content__button[download]")
    target = urljoin(f"/{page}", link["href"]).lstrip("/")
    assert target == DOWNLOAD
    assert (built_site / target).is_file()


def test_run_it_yourself_is_in_the_navigation(built_site):
    links = {a.get_text(strip=True): a["href"] for a in soup(built_site, LESSON).select(".md-nav__link[href]")}
    assert links["Run it yourself"] == "rnn-lesson/"


def test_no_notebook_is_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert [name for name in tracked.splitlines() if name.endswith(".ipynb")] == []


@pytest.mark.build
@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ('raise ValueError("injected")\n', "cell 'training-loss-bars' raised ValueError: injected"),
        # The kernel dies, but the page's build (which runs the same snippet) lives on.
        (
            'import os, sys\nif "ipykernel" in sys.argv[0]:\n    os._exit(1)\n',
            "the kernel died running cell 'training-loss-bars'",
        ),
    ],
    ids=["a-snippet-raises", "the-kernel-dies"],
)
def test_a_failing_cell_fails_the_build_naming_the_notebook_and_cell(scratch_project, fault, message):
    snippet = scratch_project / "snippets" / "rnn" / "index" / "training_trace.py"
    end = "# --8<-- [end:loss-bars]"
    snippet.write_text(snippet.read_text().replace(end, fault + end))
    result = mkdocs_build(scratch_project, scratch_project / "site")
    assert result.returncode != 0
    assert f"rnn/rnn-lesson.ipynb: {message}" in result.stderr


@pytest.mark.build
def test_editing_a_snippet_changes_the_notebook_on_the_next_build(built_site, scratch_project):
    for leftover in ["build", ".cache"]:  # what the last build left behind, as in a working copy
        if (ROOT / leftover).is_dir():
            shutil.copytree(ROOT / leftover, scratch_project / leftover)
    snippet = scratch_project / "snippets" / "rnn" / "index" / "pipeline.py"
    end = "# --8<-- [end:model]"
    snippet.write_text(snippet.read_text().replace(end, f'print("Edited since the last build.")\n{end}'))
    result = mkdocs_build(scratch_project, scratch_project / "site")
    assert result.returncode == 0, result.stderr
    assert "Edited since the last build." in (scratch_project / "site" / NOTEBOOK_PAGE).read_text()
    assert "Edited since the last build." not in (built_site / NOTEBOOK_PAGE).read_text()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["rnn/", "rnn/rnn-lesson/"])
def test_download_button_saves_the_notebook_in_a_browser(page, path):
    page.goto(path)
    with page.expect_download() as download:
        page.locator("a.md-content__button[download]").click()
    assert download.value.suggested_filename == "rnn-lesson.ipynb"
