"""The one module of lessonkit that knows MkDocs: it adapts the runner (lessonkit.runner) to a build.

The exec fences plug in as pymdownx.superfences custom fences, the way markdown-exec itself does:
markdown-exec renders a fence (tabs, source placement) and `PageRun.run_block` runs its code. The hooks
in hooks/ call these functions, one job each.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from markdown_exec import base_format
from mkdocs.exceptions import PluginError

from lessonkit import execution, failures, pages
from lessonkit.runner import BUILD

log = logging.getLogger("mkdocs.hooks.execution")
# While serving, errors are shown on the pages and told here, outside the `mkdocs` logger: its strict
# mode would count them and abort the build, and the server would then stall with the old pages.
_serve_log = logging.getLogger("lessonkit.serve")
if not _serve_log.handlers:
    _serve_log.addHandler(logging.StreamHandler())
    _serve_log.handlers[0].setFormatter(logging.Formatter("ERROR   -  %(message)s"))
    _serve_log.propagate = False
EXEC_LANGUAGES = ("python", "py")
_PLAIN_FENCE = re.compile(r'^(```+)python [^\n]*\bexec="on"[^\n]*$', re.M)
_UNRENDERED = re.compile(r"exec=(?:&quot;|\")\w+(?:&quot;|\")")
_BLOCK_ID = re.compile(r"\bid=(?:&quot;|\")([^&\"]+)(?:&quot;|\")")


def executing(config) -> bool:
    """Code runs unless markdown-exec is off (MARKDOWN_EXEC=false, `make bench`'s floor)."""
    return "markdown-exec" in config.plugins


def configure(config):
    """The project this build reads, plots into the page, and lessonkit running every exec fence's code."""
    pages.use_project(Path(config.config_file_path).parent)
    execution.use_figures()
    BUILD.executing = executing(config)
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    for fence in fences:  # markdown-exec's own entries (its on_config ran first): same validator, our runner
        if fence.get("name") in EXEC_LANGUAGES:
            fence["format"] = format_exec
    return config


def format_exec(source, language, css_class, options, md, **kwargs) -> str:
    """A superfences formatter: markdown-exec's rendering around the current page's runner."""
    return base_format(language="python", run=_run, code=source, md=md, **options)


def _run(code: str, returncode=None, session=None, id=None, **extra) -> str:
    run = BUILD.current
    fence = run.fences.get(id) or pages.Fence(
        id=id or "without an id", session=session or "", options=extra, body=code, line=0, code=code
    )
    return run.run_block(fence)


def start_page(markdown: str, page, config) -> str:
    """Read the page's fences into its run (the cache entry too), before any fence renders."""
    BUILD.current = BUILD.page(page.file.src_uri)
    if not executing(config):  # show the code as plain fences (Markdown cannot read `exec="on"` info without it)
        return _PLAIN_FENCE.sub(r"\1python", markdown)
    return BUILD.current.read(markdown, Path(page.file.abs_src_path).read_text(encoding="utf-8"))


def finish_page(html: str, page, config) -> str:
    """Flag fences left unrendered (an invalid option), log what ran, save the cache entry."""
    name = page.file.src_uri
    if not executing(config):  # fences stay text on purpose
        return html
    for match in _UNRENDERED.finditer(html):
        block = _BLOCK_ID.search(html, match.end(), match.end() + 300)
        label = f"'{block.group(1)}'" if block else "without an id"
        BUILD.record(name, f"{name}: code block {label} was not executed (invalid fence option?)")
    run = BUILD.runs.get(name)
    if run is not None and (run.outputs or run.stored):
        log.info(run.finish())
    return html


def error_page_or(output: str, page) -> str:
    """While serving, a page that failed is replaced by the error page saying why."""
    if BUILD.serving and failures.of(page.file.src_uri):
        return failures.error_page(page.file.src_uri)
    return output


def report() -> None:
    """At the build's end: fail it with every message, or (serving) tell them and stay live."""
    messages = BUILD.messages()
    if messages and BUILD.serving:
        for message in messages:  # the pages say it too; the server stays live and reloads on a fix
            _serve_log.error(message)
    elif messages:
        BUILD.clear_failures()  # reported here: on_build_error, which runs next, must not repeat them
        raise PluginError("The pages' code and questions have errors:\n  " + "\n  ".join(messages))


def report_error() -> None:
    """Another error stopped the build: the failures collected before it are told too."""
    for message in BUILD.messages():
        log.error(message)
    BUILD.clear_failures()
