"""A block's `display(...)` shows on the page what a notebook renders: the object's Markdown, else HTML."""

import IPython.display

from lessonkit import execution, pages


def _printed(code: str) -> str:
    fence = pages.Fence(id="display-check", session="", options={}, body=code, line=1, code=code)
    return execution.run_code(fence, execution.namespace_for("display-check"), "test").printed


def test_display_of_markdown_prints_the_markdown_itself():
    code = "from IPython.display import Markdown, display\ndisplay(Markdown('| a |\\n|---|\\n| 1 |'))"
    assert _printed(code) == "| a |\n|---|\n| 1 |\n"


def test_display_falls_back_to_html_when_markdown_declines():
    code = (
        "from IPython.display import display\n"
        "class Table:\n"
        "    def _repr_markdown_(self): return None\n"
        "    def _repr_html_(self): return '<b>1</b>'\n"
        "display(Table())"
    )
    assert _printed(code) == "<b>1</b>\n"


def test_ipython_display_is_restored_after_the_block():
    before = IPython.display.display
    _printed("from IPython.display import display\ndisplay(1)")
    assert IPython.display.display is before
