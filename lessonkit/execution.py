"""Run a page's code blocks the one way the build and the tests both use.

`run_code` executes one block in its session's namespace with stdout captured, a time limit, and any
failure turned into a one-line message naming the snippet file and line. Its caller is
lessonkit.runner.PageRun, which applies a page's rules and which the build and the tests both use.
"""

from __future__ import annotations

import builtins
import contextlib
import ctypes
import io
import re
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from lessonkit import pages

WALL_FACTOR = 10  # a block that waits without computing ends after this many times its CPU limit in wall time
DEFAULT_TIMEOUT = 60.0  # CPU seconds per block; a fence's timeout="..." or mkdocs.yml's extra.exec_timeout sets it
_MODULE_NAME = re.compile(r"[^a-zA-Z\d]+")


class BlockTimeout(BaseException):
    """Raised inside a block that ran past its limit (BaseException: `except Exception` does not hide it)."""


class BlockFailed(Exception):
    """A block raised, exited or timed out; the message names the page, block, snippet file and line."""


@dataclass
class Run:
    """What one block did: its printed output, and the snippet files it imported."""

    printed: str
    imported: set[Path] = field(default_factory=set)


def namespace_for(session: str) -> dict:
    """A fresh namespace, registered as a module (dataclasses and pickling look modules up by name)."""
    name = "lesson_block_" + _MODULE_NAME.sub("_", session or "alone")
    sys.modules[name] = ModuleType(name)
    return {"__name__": name, "__builtins__": builtins}


def run_code(fence: pages.Fence, namespace: dict, where: str, timeout: float = DEFAULT_TIMEOUT) -> Run:
    """Execute a fence's code in `namespace`; raise BlockFailed naming `where`, the block and the source line."""
    buffer, imported = io.StringIO(), set()
    timer = _Watchdog(threading.get_ident(), timeout)
    try:
        with (
            contextlib.redirect_stdout(buffer),
            _tracking_imports(imported),
            _snippet_path(fence),
            _displaying(),
            timer,
        ):
            exec(compile(fence.code, f"<block {fence.id}>", "exec"), namespace)
    except BlockTimeout as error:  # named by the line that was running when the limit passed
        limit = f"ran longer than {timeout:g} s of CPU time (an endless loop?)"
        raise BlockFailed(f"{where}: block '{fence.id}' {limit} at {_source_line(fence, error)}") from None
    except SystemExit as error:
        raise BlockFailed(
            f"{where}: block '{fence.id}' called sys.exit({error.code!r}) at {_source_line(fence, error)}"
        ) from None
    except KeyboardInterrupt:
        print(f"Interrupted while running block '{fence.id}' of {where}", file=sys.stderr)
        raise
    except Exception as error:
        message = f"{type(error).__name__}: {error}".splitlines()[0]
        raise BlockFailed(f"{where}: block '{fence.id}' raised {message} at {_source_line(fence, error)}") from error
    return Run(printed=buffer.getvalue(), imported=imported)


def _source_line(fence: pages.Fence, error: BaseException) -> str:
    """The innermost frame of the block itself, as the snippet file and line it came from."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == f"<block {fence.id}>"]
    inner = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.startswith(str(pages.ROOT / "snippets"))
    ]
    origin = fence.origin(frames[-1].lineno) if frames else f"block '{fence.id}'"
    if inner:  # the error happened in a snippet module the block imported: name that line too
        origin += f" (in {Path(inner[-1].filename).relative_to(pages.ROOT)}:{inner[-1].lineno})"
    return origin


class _Watchdog:
    """Raises BlockTimeout in the running thread once the block has used `seconds` of CPU (checked between
    bytecodes): CPU time, so a loaded machine does not fail a block that a quiet one runs in time; a wall-clock
    backstop of WALL_FACTOR times the limit still ends a block that waits without computing."""

    def __init__(self, thread_id: int, seconds: float):
        self.thread_id, self.seconds = thread_id, seconds
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        cpu, wall = time.process_time(), time.monotonic()
        while not self.done.wait(0.05):
            used = time.process_time() - cpu
            if used > self.seconds or time.monotonic() - wall > self.seconds * WALL_FACTOR:
                stop = ctypes.py_object(BlockTimeout)
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id), stop)
                return

    def __enter__(self):
        self.thread.start()

    def __exit__(self, *exc):
        self.done.set()


_reading: list[set[Path]] = []  # while a block runs: where the files it opens under snippets/ are recorded


def _audit(event: str, args: tuple) -> None:
    """Every file opened (open, runpy, an import's source) while a block runs, if it is a snippet file."""
    if event == "open" and _reading and isinstance(args[0], str | Path):
        path = Path(args[0]).resolve()
        if path.is_relative_to(pages.snippets()) and path.suffix != ".pyc":
            _reading[-1].add(path)


sys.addaudithook(_audit)  # an audit hook cannot be removed: it records only while `_reading` is set


@contextlib.contextmanager
def _tracking_imports(found: set[Path]):
    """Record every snippet file the block reads (a cache key must cover them): imports, runpy, open."""
    real_import = builtins.__import__
    root = str(pages.snippets())

    def tracking(name, globals=None, locals=None, fromlist=(), level=0):
        module = real_import(name, globals, locals, fromlist, level)
        path = getattr(sys.modules.get(name), "__file__", None) or ""  # imported earlier: no file is opened
        if path.startswith(root):
            found.add(Path(path))
        return module

    builtins.__import__ = tracking
    _reading.append(found)
    try:
        yield
    finally:
        _reading.pop()
        builtins.__import__ = real_import


@contextlib.contextmanager
def _snippet_path(fence: pages.Fence):
    """Put the included snippets' folders first on sys.path, as `python snippets/x/y.py` would."""
    folders = [str(path.parent) for path in fence.includes]
    sys.path[:0] = folders
    try:
        yield
    finally:
        for folder in folders:
            sys.path.remove(folder)


_REPRS = ("_repr_markdown_", "_repr_html_", "_repr_svg_")  # what the page can show, best first


def show(*objects) -> None:
    """IPython's `display` as the page shows it: each object's richest Markdown-compatible form, printed."""
    for obj in objects:
        forms = (getattr(obj, name)() for name in _REPRS if hasattr(obj, name))  # a repr may decline: None
        shown = next((form for form in forms if form is not None), None)
        shown = shown[0] if isinstance(shown, tuple) else shown  # (data, metadata)
        print(str(obj) if shown is None else shown)


@contextlib.contextmanager
def _displaying():
    """`from IPython.display import display` inside a block gets `show`: the notebook and the page render alike."""
    import IPython.core.display_functions as functions
    import IPython.display as public

    saved = public.display, functions.display
    public.display = functions.display = show
    try:
        yield
    finally:
        public.display, functions.display = saved


def forget_snippet_modules() -> None:
    """Drop snippet modules imported by an earlier build: an edited snippet must be imported afresh."""
    root = str(pages.snippets())
    for name, module in list(sys.modules.items()):
        if (getattr(module, "__file__", None) or "").startswith(root):
            del sys.modules[name]


def run_page(page: pages.Page, fences: list[pages.Fence] | None = None) -> tuple[dict[str, dict], dict[str, str]]:
    """Run a page's blocks through lessonkit.runner.PageRun, as the build does: namespaces and outputs."""
    from lessonkit.runner import PageRun  # the runner builds on this module

    run = PageRun(page.src_uri)
    run.fences = {fence.id: fence for fence in (page.fences if fences is None else fences)}
    run.run_all()
    if run.failures:
        raise BlockFailed("\n".join(run.failures))
    return run.namespaces, run.outputs


def timeout_of(fence: pages.Fence, default: float = DEFAULT_TIMEOUT) -> float:
    return float(fence.options.get("timeout", default))


def use_figures() -> None:
    """Plots shown with plt.show() print themselves into the output (lessonkit.figures), here as in the build.

    Set for this process only (never MPLBACKEND: a notebook kernel started from here would inherit it)."""
    import matplotlib

    matplotlib.use("module://lessonkit.figures")


def expect(page: str, block: str, check) -> None:
    """After `block` of `page` runs, `check(namespace)` must give no problem (kept for callers: PageRun.expect)."""
    from lessonkit.runner import BUILD

    BUILD.page(page).expect(block, check)
