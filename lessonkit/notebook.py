"""A lesson page as a Jupyter notebook: its prose and its exec fences' code, in page order.

`assemble` builds the notebook from the page model (the code exactly as the page runs it). The
kernel's outputs are kept as they are, so a learner who re-runs the download sees the same: tables and
tips come from IPython's display protocol (`display(Markdown(...))`), never from printed Markdown.
After the run, `for_learners` turns the cells of site-only code (a fence with `notebook="markdown"`:
prose writers, drawings, timers) into Markdown cells holding what they displayed, admonitions as quotes.
"""

from __future__ import annotations

import re

import nbformat

from lessonkit import claims, pages

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
    """Title, then from the first section on: prose as Markdown cells, each exec fence as a code cell.

    Links point at the hosted lesson under `site_url`; without one, relative to the notebook's page
    (`<lesson>/<lesson>-lesson/`), so they work under any prefix and offline."""
    page = lesson.page
    base = site_url.rstrip("/") + "/" + lesson.folder + "/" if site_url else "../"

    def prose(text: str) -> str:
        text = _QUIZ.sub(lambda m: _quiz_link(m, base), claims.strip(text))
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
            cell.metadata.setdefault("lesson", {})["timeout"] = float(fence.options["timeout"])
        if fence.options.get("notebook") == "markdown":  # site-only code: its output stands as Markdown
            cell.metadata.setdefault("lesson", {})["notebook"] = "markdown"
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
    """Each `notebook="markdown"` cell becomes a Markdown cell of what it showed (figures as attachments).

    A cell's printed text arrives in as many stream pieces as the kernel flushed: runs of them are
    joined first, so two builds write the same notebook whatever the timing."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        joined = []
        for output in cell.outputs:
            previous = joined[-1] if joined else {}
            if output.output_type == "stream" == previous.get("output_type") and previous.name == output.name:
                previous.text += output.text
                continue
            joined.append(output)
        cell.outputs = joined
        if cell.metadata.get("lesson", {}).get("notebook") == "markdown":
            notebook.cells[index] = as_markdown_cell(cell)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code, start=1):  # numbered as a fresh kernel numbers what is left to run
        cell.execution_count = number
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = number
    return notebook


def as_markdown_cell(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    parts, attachments = [], {}
    for number, output in enumerate(cell.outputs, start=1):
        data = output.get("data", {})
        if output.output_type == "stream":
            parts.append(output.text)
        elif "image/png" in data:
            name = f"{cell.id}-{number}.png"
            attachments[name] = {"image/png": data["image/png"]}
            parts.append(f"\n![Figure](attachment:{name})\n")
        else:
            parts.append(
                next((data[k] for k in ("text/markdown", "text/html", "image/svg+xml", "text/plain") if k in data), "")
            )
    markdown = nbformat.v4.new_markdown_cell(
        TIP.sub(as_quote, "\n".join(p.strip("\n") for p in parts) + "\n").strip(), id=cell.id
    )
    if attachments:
        markdown.attachments = attachments
    return markdown
