"""Makes pytest-markdown-docs run the pages' exec fences the way the build does.

pytest-markdown-docs ignores markdown-exec's options: an include line `--8<-- "x.py:part"` would run
as Python and fail, and every fence would get fresh globals. This hook expands the includes with the
page model (lessonkit.pages, pymdownx.snippets configured from mkdocs.yml) and gives each
`session="..."` one shared namespace, so the page is tested as assembled.
"""

import contextlib
import io
import typing

import pytest
from markdown_it import MarkdownIt
from pytest_markdown_docs._runners import DefaultRunner, register_runner

from lessonkit import execution, pages


class _SessionRunner(DefaultRunner):
    """Runs a fence in its session's namespace, which later fences of the session see."""

    session = ""
    namespaces: typing.ClassVar[dict[str, dict]] = {}

    def runtest(self, test, args, **kwargs):
        execution.use_figures()
        namespace = self.namespaces.setdefault(self.session, dict(args))
        with contextlib.redirect_stdout(io.StringIO()):  # the page's output; tests/ asserts it
            super().runtest(test, namespace, **kwargs)


def _session_runner(session: str) -> str:
    name = f"session:{session}"
    register_runner()(type(name, (_SessionRunner,), {"session": session}))
    return name


@pytest.hookimpl
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    def exec_fences_as_built(state) -> None:
        for token in state.tokens:
            options = dict(pages.OPTION.findall(token.info))
            if token.type != "fence" or options.get("exec") != "on":
                continue
            fence = pages.expand(pages.Fence(id="", session="", options=options, body=token.content, line=0), "")
            token.content = fence.code + "\n"
            runner = f" runner:{_session_runner(options['session'])}" if "session" in options else ""
            token.info = token.info.split()[0] + runner

    md = MarkdownIt("commonmark")
    md.core.ruler.push("exec_fences_as_built", exec_fences_as_built)
    return md
