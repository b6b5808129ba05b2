"""Run each notebook page on a fresh kernel while the other pages build; mkdocs-jupyter renders the result."""

# mkdocs-jupyter can execute a notebook, but only when its page's turn comes, after the pages before it,
# so the whole run (kernel start, torch import, training) adds to the build. Started here as soon as
# the files are known, it runs alongside the lesson's own code blocks instead. Outputs are written into
# the generated notebook (build/, never committed) before mkdocs-jupyter reads it; no cache is kept.
# A cell that raises fails the build, naming the notebook and the cell.

from __future__ import annotations

import asyncio
import logging
import tempfile
import threading
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from lessonkit import cache, execution, failures, notebook

_log = logging.getLogger("mkdocs.hooks.run_notebook")
# Wall seconds per cell: a kernel cannot count CPU time, so the pages' CPU limit (which runs the same code
# first) times the backstop factor; a fence's timeout="..." scales the same way.
CELL_TIMEOUT = execution.DEFAULT_TIMEOUT * execution.WALL_FACTOR
_runs: dict[str, _Run] = {}


class _Run(threading.Thread):
    """One notebook executed top to bottom on a new kernel, in the background."""

    def __init__(self, path: Path, src_uri: str):
        super().__init__(daemon=True)
        self.path, self.cell, self.error = path, None, None
        self.notebook = nbformat.read(path, as_version=4)
        code = [(c.id, c.source, c.metadata) for c in self.notebook.cells if c.cell_type == "code"]
        self.cache = ("notebooks/" + src_uri.replace("/", "--"), cache.key(code))  # prose edits keep it
        self.reused = cache.load(*self.cache)
        self.start()

    def run(self) -> None:
        try:
            if self.reused:  # `make serve`, and no code cell changed: the last run's outputs
                for cell in self.notebook.cells:
                    if cell.cell_type == "code":
                        cell.outputs = nbformat.from_dict(self.reused["outputs"][cell.id])
                        cell.execution_count = self.reused["counts"][cell.id]
                self.notebook.metadata = nbformat.from_dict(self.reused["metadata"])  # the kernel's language_info
            else:
                asyncio.run(self._execute())  # asyncio.run closes its loop: a long `mkdocs serve` leaks none
                code = [cell for cell in self.notebook.cells if cell.cell_type == "code"]
                entry = {
                    "outputs": {c.id: c.outputs for c in code},
                    "counts": {c.id: c.execution_count for c in code},
                    "metadata": self.notebook.metadata,
                }
                cache.save(*self.cache, entry, set())
            notebook.for_learners(self.notebook)  # site-only cells become Markdown cells of what they showed
        except BaseException as error:  # anything at all: on_pre_page reports it and fails the build
            self.error = error

    async def _execute(self) -> None:
        with tempfile.TemporaryDirectory() as sockets:
            # Local sockets, not TCP: no ports, and no "running over TCP without encryption" in every build.
            kernel = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=f"{sockets}/kernel")
            client = NotebookClient(
                self.notebook,
                km=kernel,
                timeout=CELL_TIMEOUT,
                timeout_func=lambda cell: (
                    cell.metadata.get("lesson", {}).get("timeout", execution.DEFAULT_TIMEOUT) * execution.WALL_FACTOR
                ),
                allow_errors=False,
                record_timing=False,  # no timestamps: two builds write the same notebook
                shutdown_kernel="immediate",  # the graceful default waits about a second for nothing
                on_cell_execute=lambda cell, cell_index: setattr(self, "cell", cell.get("id")),  # code cells only
                resources={"metadata": {"path": str(self.path.parent)}},
            )
            await client.async_execute(cleanup_kc=True)  # nbclient stops only kernels it made; we made this one

    def failure(self, src_uri: str) -> str:
        error = self.error
        if isinstance(error, CellExecutionError):
            return f"{src_uri}: cell '{self.cell}' raised {error.ename}: {error.evalue}"
        if isinstance(error, CellTimeoutError):
            return f"{src_uri}: cell '{self.cell}' ran past its time limit"
        if isinstance(error, DeadKernelError):
            return f"{src_uri}: the kernel died running cell '{self.cell}'"
        return f"{src_uri}: the run failed: {type(error).__name__}: {error}"


@event_priority(40)  # after hooks/lesson_notebook.py (priority 50) has written the notebook
def on_files(files, config):
    _wait_for_runs()  # in `mkdocs serve`, a run left by a build that never reached its page ends first
    if "markdown-exec" not in config.plugins:  # execution off (MARKDOWN_EXEC=false): no code runs at all
        return files
    for file in files:
        if file.src_uri.endswith(".ipynb"):
            _runs[file.src_uri] = _Run(Path(file.abs_src_path), file.src_uri)
    return files


@event_priority(50)  # before mkdocs-jupyter's on_pre_page, which may read the file
def on_pre_page(page, config, files):
    run = _runs.pop(page.file.src_uri, None)
    if run is not None:
        run.join()
        if run.error is not None and failures.state["serving"]:
            failures.record(page.file.src_uri, run.failure(page.file.src_uri))  # serve shows an error page
            return page
        if run.error is not None:
            raise PluginError(run.failure(page.file.src_uri)) from run.error
        nbformat.write(run.notebook, run.path)
        how = "reused its last run's outputs (cache)" if run.reused else "ran it on a fresh kernel"
        _log.info("%s: %s; they are in %s", page.file.src_uri, how, run.path)
    return page


def on_build_error(error) -> None:  # another page failed: let the kernel finish and shut down, not orphan it
    _wait_for_runs()


def _wait_for_runs() -> None:
    for run in _runs.values():
        run.join()
    _runs.clear()
