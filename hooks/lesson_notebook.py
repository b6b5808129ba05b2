"""Generate each declared lesson's notebook from its page (lessonkit.notebook), for mkdocs-jupyter to render.

Written to build/ (never docs/: no reload loop, no stale copy) and added as a page before mkdocs-jupyter
sees the files. The lesson page and the notebook page get `nb_url`, the download the theme shows.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from pymdownx.snippets import SnippetMissingError

from lessonkit import notebook, pages

_downloads: dict[str, str] = {}  # page src_uri -> the notebook's download url


@event_priority(50)  # before mkdocs-jupyter's on_files, which turns .ipynb files into pages
def on_files(files, config):
    build = Path(config.config_file_path).parent / "build" / "notebooks"
    for lesson in pages.lessons():
        try:
            nb = notebook.assemble(
                lesson, config.site_url or "", lambda text, uri=lesson.page.src_uri: pages.fill_counts(text, uri)
            )
        except SnippetMissingError as error:  # the page fails the build on the same include, naming its block
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"Not generated: {error}", id="error")])
        except FileNotFoundError as error:
            raise PluginError(str(error)) from None
        (build / lesson.notebook).parent.mkdir(parents=True, exist_ok=True)
        (build / lesson.notebook).write_text(nbformat.writes(nb), encoding="utf-8")
        # A File with a real src_dir: mkdocs-jupyter's wrapper reads abs_src_path from src_dir and src_uri.
        files.append(File(lesson.notebook, str(build), config.site_dir, config.use_directory_urls))
    return files


def on_nav(nav, config, files):
    # mkdocs-jupyter copies each notebook next to its page (include_source); the urls are known by now.
    _downloads.clear()
    for lesson in pages.lessons():
        file = files.get_file_from_path(lesson.notebook)
        if file is not None:
            url = file.url + Path(lesson.notebook).name
            _downloads[lesson.page.src_uri] = _downloads[lesson.notebook] = url
    return nav


def on_page_context(context, page, config, nav):
    if page.file.src_uri in _downloads:
        page.nb_url = get_relative_url(_downloads[page.file.src_uri], page.url)
    return context
