"""Run each notebook page on a fresh kernel while the other pages build; mkdocs-jupyter renders the result."""

# mkdocs-jupyter can execute a notebook, but only when its page's turn comes, after the pages before it,
# so the whole run (kernel start, torch import, training) adds to the build. Started here as soon as
# the files are known, it runs alongside the lesson's own code blocks instead. Outputs are written into
# the generated notebook (build/, never committed) before mkdocs-jupyter reads it; no cache is kept.
# A cell that raises fails the build, naming the notebook and the cell.

from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

_log = logging.getLogger("mkdocs.hooks.run_notebook")
CELL_TIMEOUT = 120  # seconds; a cell that hangs fails the build instead of stalling it
_runs: dict[str, _Run] = {}


class _Run(threading.Thread):
    """One notebook executed top to bottom on a new kernel, in the background."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path, self.cell, self.error = path, None, None
        self.notebook = nbformat.read(path, as_version=4)
        self.start()

    def run(self) -> None:
        with tempfile.TemporaryDirectory() as sockets:
            # Local sockets, not TCP: no ports, and no "running over TCP without encryption" in every build.
            kernel = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=f"{sockets}/kernel")
            client = NotebookClient(
                self.notebook,
                km=kernel,
                timeout=CELL_TIMEOUT,
                allow_errors=False,
                record_timing=False,  # no timestamps: two builds write the same notebook
                shutdown_kernel="immediate",  # the graceful default waits about a second for nothing
                on_cell_start=lambda cell, cell_index: setattr(self, "cell", cell.get("id")),
                resources={"metadata": {"path": str(self.path.parent)}},
            )
            try:
                client.execute(cleanup_kc=True)  # shut the kernel down, though we made its manager
            except Exception as error:  # raised again, naming the notebook and cell, in the build's thread
                self.error = error

    def failure(self, src_uri: str) -> str:
        where = f"cell '{self.cell}'" if self.cell else "its kernel"
        if isinstance(self.error, CellExecutionError):
            return f"{src_uri}: {where} raised {self.error.ename}: {self.error.evalue}"
        return f"{src_uri}: {where} failed: {type(self.error).__name__}: {self.error}"


@event_priority(40)  # after hooks/lesson_notebook.py (priority 50) has written the notebook
def on_files(files, config):
    _wait_for_runs()  # a run left over from a failed build (mkdocs serve) must end first
    if "markdown-exec" not in config.plugins:  # execution off (MARKDOWN_EXEC=false): no code runs at all
        return files
    for file in files:
        if file.src_uri.endswith(".ipynb"):
            _runs[file.src_uri] = _Run(Path(file.abs_src_path))
    return files


@event_priority(50)  # before mkdocs-jupyter's on_pre_page, which may read the file
def on_pre_page(page, config, files):
    run = _runs.pop(page.file.src_uri, None)
    if run is not None:
        run.join()
        if run.error is not None:
            raise PluginError(run.failure(page.file.src_uri))
        nbformat.write(run.notebook, run.path)
        _log.info("Ran %s on a fresh kernel; its outputs are in %s", page.file.src_uri, run.path)
    return page


def on_build_error(error) -> None:
    _wait_for_runs()


def _wait_for_runs() -> None:
    for run in _runs.values():
        run.join()
    _runs.clear()
