"""A lesson page as a Jupyter notebook: its prose and its exec fences' code, in page order.

`assemble` builds the notebook from the page model (the code exactly as the page runs it); after a run,
`for_learners` shows what the page's own cells printed (Markdown tables, the tip, captions) as rendered
Markdown, so the downloaded notebook reads like the page while a learner's new cells behave as in any
notebook (their print and plt.show() are untouched: nothing is installed in the kernel).
"""

from __future__ import annotations

import re

import nbformat

from lessonkit import pages

INTRO = (
    "The lesson's code, cell by cell: the same code the lesson page runs, so the numbers are the page's "
    "numbers. Run it top to bottom on a fresh kernel: it needs only `torch` and `matplotlib`."
)
_QUIZ = re.compile(r"^```quiz\n(.*?)^```[ \t]*$", re.M | re.S)
_QUIZ_ID = re.compile(r"^id:\s*([\w-]+)", re.M)
_ATTRS = re.compile(r"[ \t]*\{\s*[:#.][^}\n]*\}[ \t]*$", re.M)  # attr_list on headings: `## Title {#anchor}`
_MD_LINK = re.compile(r"\]\(([\w./-]+)\.md(#[\w-]+)?\)")
TIP = re.compile(r'^!!! \w+ "([^"]*)"\n\n((?:    .*\n?|\n)+)', flags=re.M)


def as_quote(tip: re.Match) -> str:
    """A MkDocs admonition as a Markdown quote, which Jupyter renders."""
    body = [line.removeprefix("    ") for line in tip[2].rstrip().splitlines()]
    return "".join(f"> {line}".rstrip() + "\n" for line in [f"**{tip[1]}**", "", *body])


def assemble(lesson: pages.Lesson, site_url: str, prose_filter=lambda text: text) -> nbformat.NotebookNode:
    """Title, then from the first section on: prose as Markdown cells, each exec fence as a code cell."""
    page = lesson.page
    base = site_url.rstrip("/") + "/" + lesson.folder + "/"

    def prose(text: str) -> str:
        text = _QUIZ.sub(lambda m: _quiz_link(m, base), text)
        text = _MD_LINK.sub(lambda m: f"]({_url(base, m[1])}{m[2] or ''})", text)
        text = TIP.sub(as_quote, _ATTRS.sub("", prose_filter(text)))
        return text.strip()

    cells = [nbformat.v4.new_markdown_cell(f"# {lesson.title}: run it yourself\n\n{INTRO}", id="title")]
    text = page.path.read_text(encoding="utf-8")
    start = text.find("\n## ")  # the prose before the first section is about the site, not the code
    position = start if start >= 0 else 0
    for fence in page.fences:
        match = pages.FENCE.search(text, position)
        if about := prose(text[position : match.start()]):
            cells.append(nbformat.v4.new_markdown_cell(about, id=f"{fence.id}-about"))
        cell = nbformat.v4.new_code_cell(_shown(fence.code), id=fence.id)
        if "timeout" in fence.options:  # the fence's time limit holds in the build's kernel run too
            cell.metadata["lesson"] = {"timeout": float(fence.options["timeout"])}
        cells.append(cell)
        position = match.end()
    if closing := prose(text[position:]):
        cells.append(nbformat.v4.new_markdown_cell(closing, id="closing"))
    return nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )


def _shown(code: str) -> str:
    """The code as a reader sees it on the page: lines ending in `# markdown-exec: hide` run but are not shown."""
    return "\n".join(line.removesuffix("  # markdown-exec: hide") for line in code.splitlines()).strip()


def _url(base: str, path: str) -> str:
    """A page's address on the site, as MkDocs builds it (directory URLs)."""
    return base + ("" if path == "index" else path.removesuffix("/index") + "/")


def _quiz_link(match: re.Match, base: str) -> str:
    qid = _QUIZ_ID.search(match[1])
    anchor = f"#{qid[1]}" if qid else ""
    return f"*This question is interactive: [answer it on the lesson page]({base}{anchor}).*"


def for_learners(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """What the page's cells printed, shown as the Markdown it is (the page renders it the same way).

    A cell's printed text arrives in as many stream pieces as the kernel flushed: join runs of them
    first, so one print is one rendered output whatever the timing."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stdout":
                if outputs and outputs[-1].get("_printed") is not None:
                    outputs[-1]["_printed"] += output.text
                    continue
                outputs.append({"_printed": output.text})
            else:
                outputs.append(output)
        cell.outputs = [_rendered(o["_printed"]) if "_printed" in o else o for o in outputs]
    return notebook


def _rendered(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/markdown": TIP.sub(as_quote, text), "text/plain": text})
