"""Run every exec fence through lessonkit: time limits, errors naming the snippet line, a cache for serve.

markdown-exec renders the fences (tabs, source placement); running them is lessonkit's, so a block that
raises, exits, loops or prints nothing into a Result tab fails the build naming page, block and the
snippet file and line, and the build and the tests run code the same way. `make serve` reuses a page's
results while nothing they depend on changed (lessonkit/cache.py); every other build runs everything.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import time
from pathlib import Path

from markdown_exec._internal import main as markdown_exec
from markdown_exec._internal.formatters.base import base_format
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from pymdownx.snippets import SnippetMissingError

from lessonkit import cache, execution, failures, pages

_log = logging.getLogger("mkdocs.hooks.execution")
# While serving, errors are shown on the pages and told here, outside the `mkdocs` logger: its strict
# mode would count them and abort the build, and the server would then stall with the old pages.
_serve_log = logging.getLogger("lessonkit.serve")
if not _serve_log.handlers:
    _serve_log.addHandler(logging.StreamHandler())
    _serve_log.handlers[0].setFormatter(logging.Formatter("ERROR   -  %(message)s"))
    _serve_log.propagate = False
_page: dict = {}  # the page being rendered: its fences, namespaces, cache entry, what its run read


def on_startup(command, dirty) -> None:
    failures.state["serving"] = command == "serve"  # serve: failed pages become error pages


def on_config(config):
    pages.use_project(Path(config.config_file_path).parent)
    execution.use_figures()
    run = functools.partial(base_format, language="python", run=_run_block)
    markdown_exec.formatters.update(python=run, py=run)  # markdown-exec looks its runner up at each fence
    _page["timeout"] = float(config.extra.get("exec_timeout", execution.DEFAULT_TIMEOUT))
    return config


def on_pre_build(config) -> None:
    failures.clear()
    execution.EXPECTATIONS.clear()
    execution.FACTS.clear()
    execution.forget_snippet_modules()  # serve: an edited snippet module is imported afresh


@event_priority(-100)  # after every hook that writes fences into the page (hooks/quiz.py)
def on_page_markdown(markdown: str, page, config, files) -> str:
    name = page.file.src_uri
    if "markdown-exec" not in config.plugins:  # off (MARKDOWN_EXEC=false): show the code as plain fences
        return _PLAIN_FENCE.sub(r"\1python", markdown)  # (Markdown cannot read `exec="on"` info without it)
    try:
        fences = pages.read_fences(markdown, f"docs/{name}")
        _with_file_lines(fences, Path(page.file.abs_src_path).read_text(encoding="utf-8"), f"docs/{name}")
    except SnippetMissingError as error:
        message, include = _missing_include(markdown, error)
        failures.record(name, f"{name}: {message}")  # reported at the end with the rest; the page builds without it
        return on_page_markdown(markdown.replace(include, ""), page, config, files) if include else markdown
    ids = [fence.id for fence in fences]
    for repeated in sorted({i for i in ids if ids.count(i) > 1}):
        failures.record(name, f"{name}: two code blocks have the id '{repeated}'")
    entry_key = cache.key(name, [(f.id, f.session, f.options, f.code) for f in fences])
    stored = cache.load(_cache_name(name), entry_key) if fences else None
    _page.update(
        name=name,
        fences={f.id: f for f in fences},
        namespaces={},
        outputs={},
        facts={},
        failed_sessions=set(),
        deps={path for f in fences for path in f.includes},
        key=entry_key,
        stored=stored,
        start=time.perf_counter(),
    )
    if stored:
        execution.FACTS.update({(name, block): facts for block, facts in stored["facts"].items()})
    return markdown


def _with_file_lines(fences: list[pages.Fence], file_text: str, page_file: str) -> None:
    """Lines written on the page are named by the page file's own numbers (front matter included)."""
    in_file = {f.id: f for f in pages.read_fences(file_text, page_file, expand_code=False)}
    for fence in fences:
        if fence.id in in_file:
            with contextlib.suppress(SnippetMissingError):  # reported for the markdown as run
                fence.origins = pages.expand(in_file[fence.id], page_file).origins


def _missing_include(markdown: str, error: SnippetMissingError) -> tuple[str, str]:
    """Name the block and the include line of a missing snippet file or section; also that line."""
    missing = re.search(r"'([^']+)'", str(error)).group(1)
    for fence in pages.read_fences(markdown, "", expand_code=False):
        for line in fence.body.splitlines():
            if line.startswith("--8<--") and missing in line:
                return f"code block '{fence.id}': {error} (from {line.strip()})", line
    return str(error), ""


def _run_block(code: str, returncode=None, session=None, id=None, **extra) -> str:
    name = _page["name"]
    fence = _page["fences"].get(id) or pages.Fence(
        id=id or "without an id", session=session or "", options=extra, body=code, line=0, code=code
    )
    if _page["stored"] and fence.id in _page["stored"]["outputs"]:
        return _page["stored"]["outputs"][fence.id]
    session_key = session or f"alone:{fence.id}"
    if session_key in _page["failed_sessions"]:
        return ""  # an earlier block of its session failed: that error is the one to fix
    namespace = _page["namespaces"].setdefault(session_key, execution.namespace_for(f"{name}-{session_key}"))
    try:
        run = execution.run_code(fence, namespace, name, execution.timeout_of(fence, _page["timeout"]))
    except execution.BlockFailed as error:
        failures.record(name, str(error))
        _page["failed_sessions"].add(session_key)
        return ""
    _page["deps"] |= run.imported
    if not run.printed.strip() and fence.options.get("source", "").startswith("tabbed"):
        failures.record(
            name, f"{name}: block '{fence.id}' prints nothing into its Result tab: show its code with source=\"above\""
        )
    for problem, facts in execution.check(name, fence.id, namespace):
        if problem:
            failures.record(name, problem)
        _page["facts"][fence.id] = facts
    _page["outputs"][fence.id] = run.printed
    return run.printed


_PLAIN_FENCE = re.compile(r'^(```+)python [^\n]*\bexec="on"[^\n]*$', re.M)
_UNRENDERED = re.compile(r"exec=(?:&quot;|\")\w+(?:&quot;|\")")
_BLOCK_ID = re.compile(r"\bid=(?:&quot;|\")([^&\"]+)(?:&quot;|\")")


def on_page_content(html: str, page, config, files) -> str:
    name = page.file.src_uri
    if "markdown-exec" in config.plugins:  # off (MARKDOWN_EXEC=false): fences stay text on purpose
        # An invalid fence option makes markdown-exec leave the fence as raw text: find what is left.
        for match in _UNRENDERED.finditer(html):
            block = _BLOCK_ID.search(html, match.end(), match.end() + 300)
            label = f"'{block.group(1)}'" if block else "without an id"
            failures.record(name, f"{name}: code block {label} was not executed (invalid fence option?)")
    if _page.get("name") == name and _page["fences"] and "markdown-exec" in config.plugins:
        seconds = time.perf_counter() - _page["start"]
        if _page["stored"]:
            _log.info("%s: reused the results of %d blocks (cache)", name, len(_page["fences"]))
        else:
            _log.info("%s: ran %d blocks in %.1f s", name, len(_page["fences"]), seconds)
            if not failures.of(name):
                entry = {"outputs": _page["outputs"], "facts": _page["facts"]}
                cache.save(_cache_name(name), _page["key"], entry, _page["deps"])
    return html


def _cache_name(page: str) -> str:
    return "pages/" + page.replace("/", "--")


@event_priority(-100)  # last: what the author sees instead of a page whose code failed
def on_post_page(output: str, page, config) -> str:
    if failures.state["serving"] and failures.of(page.file.src_uri):
        return failures.error_page(page.file.src_uri)
    return output


def on_post_build(config) -> None:
    messages = failures.all_messages()
    if messages and failures.state["serving"]:
        for message in messages:  # the pages say it too; the server stays live and reloads on a fix
            _serve_log.error(message)
    elif messages:
        failures.clear()  # reported here: on_build_error, which runs next, must not repeat them
        raise PluginError("The pages' code and questions have errors:\n  " + "\n  ".join(messages))


def on_build_error(error) -> None:
    for message in failures.all_messages():  # collected before a later error stopped the build
        _log.error(message)
    failures.clear()
