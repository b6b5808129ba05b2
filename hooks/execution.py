"""Run every exec fence through lessonkit: time limits, errors naming the snippet line, a cache for serve.

markdown-exec renders the fences (tabs, source placement); running them is lessonkit's, so a block that
raises, exits, loops or prints nothing into a Result tab fails the build naming page, block and the
snippet file and line, and the build and the tests run code the same way. `make serve` reuses a page's
results while nothing they depend on changed (lessonkit/cache.py); every other build runs everything.
"""

from __future__ import annotations

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

from lessonkit import cache, execution, pages

_log = logging.getLogger("mkdocs.hooks.execution")
_failures: list[str] = []
_page: dict = {}  # the page being rendered: its fences, namespaces, cache entry, what its run read


def on_config(config):
    pages.use_project(Path(config.config_file_path).parent)
    execution.use_figures()
    run = functools.partial(base_format, language="python", run=_run_block)
    markdown_exec.formatters.update(python=run, py=run)  # markdown-exec looks its runner up at each fence
    _page["timeout"] = float(config.extra.get("exec_timeout", execution.DEFAULT_TIMEOUT))
    return config


def on_pre_build(config) -> None:
    _failures.clear()
    execution.EXPECTATIONS.clear()
    execution.FACTS.clear()
    execution.forget_snippet_modules()  # serve: an edited snippet module is imported afresh


@event_priority(-100)  # after every hook that writes fences into the page (hooks/quiz.py)
def on_page_markdown(markdown: str, page, config, files) -> str:
    name = page.file.src_uri
    try:
        fences = pages.read_fences(markdown, f"docs/{name}")
        # Lines written on the page are named by the page file's own numbers (front matter included).
        in_file = {f.id: f for f in pages.read_fences(Path(page.file.abs_src_path).read_text(encoding="utf-8"), f"docs/{name}")}
        for fence in fences:
            fence.origins = in_file[fence.id].origins if fence.id in in_file else fence.origins
    except SnippetMissingError as error:
        raise PluginError(f"{name}: {_missing_include(markdown, error)}") from None
    ids = [fence.id for fence in fences]
    for repeated in sorted({i for i in ids if ids.count(i) > 1}):
        _failures.append(f"{name}: two code blocks have the id '{repeated}'")
    entry_key = cache.key(name, [(f.id, f.session, f.options, f.code) for f in fences])
    stored = cache.load(_cache_name(name), entry_key) if fences else None
    _page.update(name=name, fences={f.id: f for f in fences}, namespaces={}, outputs={}, facts={},
                 deps={path for f in fences for path in f.includes}, key=entry_key, stored=stored, start=time.perf_counter())
    if stored:
        execution.FACTS.update({(name, block): facts for block, facts in stored["facts"].items()})
    return markdown


def _missing_include(markdown: str, error: SnippetMissingError) -> str:
    """Name the block and the include line of a missing snippet file or section."""
    missing = re.search(r"'([^']+)'", str(error)).group(1)
    for fence in pages.read_fences(markdown, "", expand_code=False):
        for line in fence.body.splitlines():
            if line.startswith("--8<--") and missing in line:
                return f"code block '{fence.id}': {error} (from {line.strip()})"
    return str(error)


def _run_block(code: str, returncode=None, session=None, id=None, **extra) -> str:  # noqa: A002 - markdown-exec's names
    name = _page["name"]
    fence = _page["fences"].get(id) or pages.Fence(id=id or "without an id", session=session or "", options=extra, body=code, line=0, code=code)
    if _page["stored"] and fence.id in _page["stored"]["outputs"]:
        return _page["stored"]["outputs"][fence.id]
    session_key = session or f"alone:{fence.id}"
    namespace = _page["namespaces"].setdefault(session_key, execution.namespace_for(f"{name}-{session_key}"))
    try:
        run = execution.run_code(fence, namespace, name, execution.timeout_of(fence, _page["timeout"]))
    except execution.BlockFailed as error:
        _failures.append(str(error))
        return ""
    _page["deps"] |= run.imported
    if not run.printed.strip() and fence.options.get("source", "").startswith("tabbed"):
        _failures.append(f'{name}: block \'{fence.id}\' prints nothing into its Result tab: show its code with source="above"')
    for problem, facts in execution.check(name, fence.id, namespace):
        if problem:
            _failures.append(problem)
        _page["facts"][fence.id] = facts
    _page["outputs"][fence.id] = run.printed
    return run.printed


_UNRENDERED = re.compile(r"exec=(?:&quot;|\")\w+(?:&quot;|\")")
_BLOCK_ID = re.compile(r"\bid=(?:&quot;|\")([^&\"]+)(?:&quot;|\")")


def on_page_content(html: str, page, config, files) -> str:
    name = page.file.src_uri
    if "markdown-exec" in config.plugins:  # off (MARKDOWN_EXEC=false): fences stay text on purpose
        # An invalid fence option makes markdown-exec leave the fence as raw text: find what is left.
        for match in _UNRENDERED.finditer(html):
            block = _BLOCK_ID.search(html, match.end(), match.end() + 300)
            label = f"'{block.group(1)}'" if block else "without an id"
            _failures.append(f"{name}: code block {label} was not executed (invalid fence option?)")
    if _page.get("name") == name and _page["fences"] and "markdown-exec" in config.plugins:
        seconds = time.perf_counter() - _page["start"]
        if _page["stored"]:
            _log.info("%s: reused the results of %d blocks (cache)", name, len(_page["fences"]))
        else:
            _log.info("%s: ran %d blocks in %.1f s", name, len(_page["fences"]), seconds)
            if not any(failure.startswith(f"{name}:") for failure in _failures):
                entry = {"outputs": _page["outputs"], "facts": _page["facts"]}
                cache.save(_cache_name(name), _page["key"], entry, _page["deps"])
    return html


def _cache_name(page: str) -> str:
    return "pages/" + page.replace("/", "--")


def on_post_build(config) -> None:
    if _failures:
        message = "Executed code blocks failed:\n  " + "\n  ".join(_failures)
        _failures.clear()  # reported here: on_build_error, which runs next, must not repeat them
        raise PluginError(message)


def on_build_error(error) -> None:
    for failure in _failures:  # collected before a later error stopped the build
        _log.error(failure)
    _failures.clear()
