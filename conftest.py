"""Makes pytest-markdown-docs run the pages' exec fences the way the build does.

pytest-markdown-docs ignores markdown-exec's options: an include line `--8<-- "x.py:part"` would run
as Python and fail, and every fence would get fresh globals. This hook expands the includes with
pymdownx.snippets itself (configured from mkdocs.yml) and gives each `session="..."` one shared
namespace, so the page is tested as assembled.
"""

import contextlib
import io
import re
from pathlib import Path

import markdown
import pytest
from markdown_it import MarkdownIt
from mkdocs.config import load_config
from pytest_markdown_docs._runners import DefaultRunner, register_runner

ROOT = Path(__file__).parent
_OPTION = re.compile(r'(\w+)="([^"]*)"')


class _SessionRunner(DefaultRunner):
    """Runs a fence in its session's namespace, which later fences of the session see."""

    session = ""
    namespaces: dict[str, dict] = {}

    def runtest(self, test, args, **kwargs):
        namespace = self.namespaces.setdefault(self.session, dict(args))
        with contextlib.redirect_stdout(io.StringIO()):  # the page's output; tests/ asserts it
            super().runtest(test, namespace, **kwargs)


def _session_runner(session: str) -> str:
    name = f"session:{session}"
    register_runner()(type(name, (_SessionRunner,), {"session": session}))
    return name


@pytest.hookimpl
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    mdx_configs = load_config(str(ROOT / "mkdocs.yml")).mdx_configs
    snippets = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": mdx_configs["pymdownx.snippets"]},
    ).preprocessors["snippet"]

    def exec_fences_as_built(state) -> None:
        for token in state.tokens:
            options = dict(_OPTION.findall(token.info))
            if token.type != "fence" or options.get("exec") != "on":
                continue
            token.content = "\n".join(snippets.run(token.content.splitlines())) + "\n"
            runner = f" runner:{_session_runner(options['session'])}" if "session" in options else ""
            token.info = token.info.split()[0] + runner

    md = MarkdownIt("commonmark")
    md.core.ruler.push("exec_fences_as_built", exec_fences_as_built)
    return md
