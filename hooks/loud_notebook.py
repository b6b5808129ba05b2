"""Name the notebook and the cell when a notebook cell raises during the build."""

# mkdocs-jupyter (allow_errors: false) stops the build with nbclient's CellExecutionError, whose
# message holds the cell's source but not the notebook or the cell. The notebook's cells have ids.

from __future__ import annotations

import logging
import re
from pathlib import Path

import nbformat
from nbclient.exceptions import CellExecutionError

_log = logging.getLogger("mkdocs.hooks.loud_notebook")
_state = {"page": None}
_SOURCE = re.compile(r"^-{18}\n(.*?)\n^-{18}$", flags=re.MULTILINE | re.DOTALL)


def on_pre_page(page, config, files):
    _state["page"] = page
    return page


def on_build_error(error) -> None:
    page = _state["page"]
    if not isinstance(error, CellExecutionError) or page is None:
        return
    source = _SOURCE.search(str(error))
    notebook = nbformat.read(Path(page.file.abs_src_path), as_version=4)
    names = [cell.id for cell in notebook.cells if source and cell.source == source.group(1)]
    cell = f"cell '{names[0]}'" if names else "a cell"
    _log.error("%s: %s raised %s: %s", page.file.src_uri, cell, error.ename, error.evalue)
