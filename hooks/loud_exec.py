"""Fail the build, naming page and block, when an executed code block does not render its output."""

# markdown-exec only logs a failing block as a warning, renders the traceback into the page, swallows
# invalid fence options and lets sys.exit end mkdocs silently. This hook turns each into an error.

from __future__ import annotations

import atexit
import logging
import os
import re

from mkdocs.exceptions import PluginError
from pymdownx.snippets import SnippetMissingError

_log = logging.getLogger("mkdocs.hooks.loud_exec")
_state = {"page": None, "markdown": "", "building": False}
_failures: list[str] = []


class _Collector(logging.Handler):
    """Records markdown-exec's warnings together with the page being rendered."""

    def emit(self, record: logging.LogRecord) -> None:
        first_line = record.getMessage().splitlines()[0].removeprefix("markdown_exec: ")
        _failures.append(f"{_state['page']}: {first_line}")


_exec_logger = logging.getLogger("mkdocs.plugins.markdown_exec")
for _old in [h for h in _exec_logger.handlers if type(h).__name__ == "_Collector"]:  # `serve` reloads hooks
    _exec_logger.removeHandler(_old)
_exec_logger.addHandler(_Collector(logging.WARNING))


def _exit_during_build() -> None:
    # SystemExit skips every handler but this one; make it an error with the page that raised it.
    if _state["building"]:
        _log.error("%s: a code block called sys.exit() during the build", _state["page"])
        os._exit(1)


atexit.register(_exit_during_build)


def on_pre_build(config) -> None:
    _failures.clear()
    _state["building"] = True


def on_page_markdown(markdown: str, page, config, files) -> str:
    _state["page"], _state["markdown"] = page.file.src_uri, markdown
    return markdown


_UNRENDERED = re.compile(r"exec=(?:&quot;|\")\w+(?:&quot;|\")")
_BLOCK_ID = re.compile(r"\bid=(?:&quot;|\")([^&\"]+)(?:&quot;|\")")


def on_page_content(html: str, page, config, files) -> str:
    if "markdown-exec" not in config.plugins:  # turned off (MARKDOWN_EXEC=false): fences stay text on purpose
        return html
    # An invalid fence option makes markdown-exec leave the fence as raw text: find what is left.
    for match in _UNRENDERED.finditer(html):
        block = _BLOCK_ID.search(html, match.end(), match.end() + 300)
        name = f"'{block.group(1)}'" if block else "without an id"
        _failures.append(f"{page.file.src_uri}: code block {name} was not executed (invalid fence option?)")
    return html


def on_post_build(config) -> None:
    _state["building"] = False
    if _failures:
        message = "Executed code blocks failed:\n  " + "\n  ".join(_failures)
        _failures.clear()  # reported here: on_build_error, which runs next, must not repeat them
        raise PluginError(message)


def on_build_error(error) -> None:
    _state["building"] = False
    for failure in _failures:  # collected before a later error (e.g. a notebook cell) stopped the build
        _log.error(failure)
    if isinstance(error, SnippetMissingError):  # its message names the file or section, not the page
        missing = re.search(r"'([^']+)'", str(error)).group(1)
        fence, include = "", "?"
        for line in _state["markdown"].splitlines():
            fence = line if line.startswith("```") else fence
            if line.startswith("--8<--") and missing in line:
                include = line
                break
        block = _BLOCK_ID.search(fence)
        name = f"'{block.group(1)}'" if block else "without an id"
        _log.error("%s: code block %s: %s (from %s)", _state["page"], name, error, include)
