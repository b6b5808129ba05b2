"""Say on each lesson page and notebook which torch releases its answers hold on, from RELEASES.toml.

The record is written by `make verify-releases` (lessonkit/releases.py). A lesson whose code changed
since then says only the build's release and that the record is stale: a note, never a failed build.
Blocks that print differently on the releases link to a generated page showing both outputs.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from lessonkit import pages, releases

PAGE = "releases.md"  # the generated side-by-side page
_state: dict = {}  # lesson folder -> its status; the record


def on_config(config):
    _state.clear()
    _state["record"] = releases.load(Path(config.config_file_path).parent / releases.RECORD)
    config.nav.append({"Releases": PAGE})  # after hooks/lessons.py, which builds the nav
    return config


def _build_release() -> str:
    from importlib import metadata  # not `import torch`: that would hold back the notebook's run

    return metadata.version("torch")


def _lessons() -> dict:
    if "lessons" not in _state:
        _state["lessons"] = {
            lesson.folder: (lesson, releases.status(_state["record"], lesson, _build_release()))
            for lesson in pages.lessons()
        }
    return _state["lessons"]


def anchor(name: str) -> str:
    """The comparison page's anchor for a block, e.g. rnn/index.md#pipeline-model -> rnn-index-pipeline-model."""
    return "".join(c if c.isalnum() else "-" for c in name.replace(".md#", "-").replace(".ipynb#", "-"))


@event_priority(45)  # after hooks/lesson_notebook.py wrote the notebooks (50), before they run (40)
def on_files(files, config):
    _state.pop("lessons", None)
    generated = Path(config.config_file_path).parent / "build" / "pages"  # a real file, as the other hooks expect
    generated.mkdir(parents=True, exist_ok=True)
    (generated / PAGE).write_text(comparison_page(), encoding="utf-8")
    files.append(File(PAGE, str(generated), config.site_dir, config.use_directory_urls))
    build = Path(config.config_file_path).parent / "build" / "notebooks"
    # As the notebook's own links (lessonkit.notebook): the hosted page, or relative to the notebook's page.
    site = config.site_url.rstrip("/") + "/" if config.site_url else "../../"
    for lesson, state in _lessons().values():
        path = build / lesson.notebook
        if not path.is_file():
            continue
        nb = nbformat.read(path, as_version=4)
        nb.cells[0].source += f"\n\n{_line(state, f'{site}releases/#{lesson.folder}')}"
        nbformat.write(nb, path)
    return files


def _line(state: dict, link: str) -> str:
    shown = len(state["differs"])
    if not state["fresh"]:
        return releases.sentence(state)
    if not shown:
        return f"{releases.sentence(state)} Every output prints the same on each ([how this is checked]({link}))."
    outputs = "1 output prints" if shown == 1 else f"{shown} outputs print"  # blocks, evidence, notebook cells
    return f"{releases.sentence(state)} {outputs} differently: [both outputs side by side]({link})."


@event_priority(-50)  # after hooks/quiz.py wrote the evidence fences, before hooks/execution.py runs them
def on_page_markdown(markdown: str, page, config, files) -> str:
    name = page.file.src_uri
    found = next(
        ((lesson, state) for lesson, state in _lessons().values() if name.startswith(lesson.folder + "/")), None
    )
    if found is None or name not in {p.src_uri for p in releases.lesson_pages(found[0])}:
        return markdown
    lesson, state = found
    to_page = os.path.relpath(PAGE, Path(name).parent)
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    lines.insert(title + 1, f"\n{_line(state, f'{to_page}#{lesson.folder}')}\n{{: .lesson-releases }}")
    markdown = "\n".join(lines)
    for block in state["differs"]:
        where, _, block_id = block["block"].partition("#")
        if where != name:
            continue
        fence = next((m for m in pages.FENCE.finditer(markdown) if f'id="{block_id}"' in m.group("info")), None)
        if fence is not None:
            others = " and ".join(r for r in state["releases"] if r != releases.public(_build_release()))
            note = f"\n\n*Prints differently on torch {others}: [both outputs]({to_page}#{anchor(block['block'])}).*\n"
            markdown = markdown[: fence.end()] + note + markdown[fence.end() :]
    return markdown


def comparison_page() -> str:
    """Markdown for the side-by-side page: per lesson, its releases and each block that printed differently."""
    record = _state["record"] or {}
    out = [
        "# Verified on torch releases",
        "",
        "Every lesson's blocks, question evidence and notebook run on each release below "
        "(`make verify-releases`). A block is listed when its printed text differs in any character; both "
        "outputs are shown as they printed.",
    ]
    for lesson, state in _lessons().values():
        out += ["", f"## {lesson.nav} {{: #{lesson.folder} }}", "", releases.sentence(state)]
        if state["fresh"]:
            same = state["compared"] - len(state["differs"])
            out += [
                "",
                f"{state['answers']} verified answers held on each release; {same} of {state['compared']} outputs "
                "(page blocks, question evidence, notebook cells) printed the same.",
            ]
        for block in state["differs"]:
            where, _, block_id = block["block"].partition("#")
            out += ["", f"### `{where}`, block `{block_id}` {{: #{anchor(block['block'])} }}", ""]
            out += ['<div class="grid" markdown>']  # Material's grid: side by side, stacked on a phone
            for release in state["releases"]:
                text = block.get(release, "(not recorded)")
                fence = "`" * max(3, 1 + max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0))
                shown = text.rstrip("\n") or "(nothing printed)"
                out += ["", "<div markdown>", "", f"torch {release}", "", f"{fence}text", shown, fence, "", "</div>"]
            out += ["", "</div>"]
    recorded = record.get("releases", [])
    out += ["", f"The record was written on torch {' and '.join(recorded)}." if recorded else "There is no record yet."]
    return "\n".join(out) + "\n"
