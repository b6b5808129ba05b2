"""Assemble the lesson's notebook from the code blocks of its page, for mkdocs-jupyter to run and render."""

# The notebook is the page's own exec fences, expanded by pymdownx.snippets as the page expands them,
# in page order, with the page's prose (from its first section on) between them. It is written to
# build/ (never docs/: no reload loop, no stale copy) and added as a page before mkdocs-jupyter sees
# the files. Both pages get `nb_url`, the download link the theme override shows in their header.

from __future__ import annotations

import re
from pathlib import Path

import markdown
import nbformat
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data
from pymdownx.snippets import SnippetMissingError

LESSON = "rnn/index.md"
NOTEBOOK = "rnn/rnn-lesson.ipynb"  # in the nav; its page is rnn/rnn-lesson/, the download beside it

INTRO = (
    "The lesson's code, cell by cell, generated from the snippets its page runs, so the numbers are "
    "the page's numbers. Run it top to bottom on a fresh kernel: it needs only `torch` and "
    "`matplotlib`."
)
# The one cell not taken from the page. Without it the figure would print as ~500 lines of SVG text.
SHOW_PRINTED_MARKDOWN = """\
# As on the lesson page, what a cell prints is Markdown (tables, a tip, a figure): show it rendered.
# Skip this cell to see the printed text instead.
import io
import re
import sys

from IPython import get_ipython
from IPython.display import Markdown, display

# The page's tip boxes (!!! tip "Title", then indented text) are MkDocs Markdown: show them as quotes.
TIP = re.compile(r'^!!! \\w+ "([^"]*)"\\n\\n((?:    .*\\n?)+)', flags=re.MULTILINE)


def as_quote(tip):
    lines = [f"**{tip[1]}**", "", *(line.removeprefix("    ") for line in tip[2].rstrip().splitlines())]
    return "".join(f"> {line}".rstrip() + "\\n" for line in lines)


# Stands in for stdout while a cell runs, then shows what the cell printed as Markdown.
class MarkdownPrintout(io.StringIO):
    def start(self, info):
        self.seek(0)
        self.truncate()
        self.stdout, sys.stdout = sys.stdout, self

    def show(self, result):
        if sys.stdout is self:  # not after this cell, which registers the two hooks
            sys.stdout = self.stdout
            if self.getvalue():
                display(Markdown(TIP.sub(as_quote, self.getvalue())))


printout = MarkdownPrintout()
get_ipython().events.register("pre_run_cell", printout.start)
get_ipython().events.register("post_run_cell", printout.show)"""
_FENCE_OPTIONS = re.compile(r'(\w+)="([^"]*)"')
_STATE: dict = {}


@event_priority(50)  # before mkdocs-jupyter's on_files, which turns .ipynb files into pages
def on_files(files, config):
    lesson = files.get_file_from_path(LESSON)
    page_text, _ = get_data(Path(lesson.abs_src_path).read_text(encoding="utf-8"))
    build = Path(config.config_file_path).parent / "build" / "notebooks"
    (build / NOTEBOOK).parent.mkdir(parents=True, exist_ok=True)
    (build / NOTEBOOK).write_text(nbformat.writes(_notebook(page_text, _snippets(config))), encoding="utf-8")
    # A File with a real src_dir: mkdocs-jupyter's wrapper reads abs_src_path from src_dir and src_uri.
    files.append(File(NOTEBOOK, str(build), config.site_dir, config.use_directory_urls))
    return files


def on_nav(nav, config, files):
    # mkdocs-jupyter copies the notebook next to its page (include_source); its url is known by now.
    _STATE["download"] = files.get_file_from_path(NOTEBOOK).url + Path(NOTEBOOK).name
    return nav


def on_page_context(context, page, config, nav):
    if page.file.src_uri in (LESSON, NOTEBOOK):
        page.nb_url = get_relative_url(_STATE["download"], page.url)
    return context


def _snippets(config):
    """pymdownx.snippets' own preprocessor, configured as mkdocs.yml configures it for the pages."""
    return markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": config.mdx_configs["pymdownx.snippets"]},
    ).preprocessors["snippet"]


def _notebook(page_text: str, snippets) -> nbformat.NotebookNode:
    """A title cell, then the page's prose and exec fences as Markdown and code cells, in page order."""
    title = re.search(r"^# (.+)$", page_text, flags=re.MULTILINE).group(1)
    cells = [
        nbformat.v4.new_markdown_cell(f"# {title}: run it yourself\n\n{INTRO}", id="title"),
        nbformat.v4.new_code_cell(SHOW_PRINTED_MARKDOWN, id="show-printed-markdown"),
    ]
    prose: list[str] = []
    fence: list[str] | None = None
    started = False  # the page's prose before its first section is about the site, not the code
    # A quiz (hooks/quiz.py) is interactive: the notebook points at the page instead of showing its YAML.
    page_text = re.sub(r"^```quiz\n.*?^```[ \t]*$", "*Answer this question on the lesson page.*", page_text, flags=re.MULTILINE | re.DOTALL)
    for line in page_text.splitlines():
        started = started or line.startswith("## ")
        if fence is not None and line.startswith("```"):
            options = dict(_FENCE_OPTIONS.findall(fence[0]))
            name = options.get("id", f"cell-{len(cells)}")
            if "\n".join(prose).strip():
                cells.append(nbformat.v4.new_markdown_cell("\n".join(prose).strip(), id=f"{name}-about"))
            prose = []
            try:
                code = "\n".join(snippets.run(fence[1:])).strip()
            except SnippetMissingError:
                code = ""  # the page fails the build on the same include, naming its block (loud_exec.py)
            cells.append(nbformat.v4.new_code_cell(code, id=name))
            fence = None
        elif fence is not None:
            fence.append(line)
        elif line.startswith("```") and 'exec="on"' in line:
            fence = [line]
        elif started:
            prose.append(line)
    if "\n".join(prose).strip():
        cells.append(nbformat.v4.new_markdown_cell("\n".join(prose).strip(), id="closing"))
    return nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
