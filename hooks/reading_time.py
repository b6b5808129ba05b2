"""Put the framework and a reading time, computed from what the page shows, under a page's title."""

# Only pages whose front matter names a `framework` get the line (the lesson pages do). The rates are
# the README's ("Reading time"): prose and printed text at 200 words a minute, each line of a listing
# or printed block at 20 lines a minute, each table row at 5 s, each figure at 20 s. Only what shows
# when the page opens counts: a closed solution (<details>) and the tabs behind the first one do not.

import re
from html.parser import HTMLParser

WORDS_PER_MINUTE = 200
CODE_LINES_PER_MINUTE = 20
TABLE_ROWS_PER_MINUTE = 12
FIGURES_PER_MINUTE = 3
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Shown(HTMLParser):
    """Counts what a reader sees: words, listing lines, table rows, figures."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, list[str]]] = []  # tag, hidden, classes
        self.tabs: list[int] = []  # per open tabbed-content: how many tab blocks started so far
        self.counted = {"words": 0, "code lines": 0, "table rows": 0, "figures": 0}
        self.code: list[str] = []

    def _inside(self, tag: str) -> bool:
        return any(name == tag for name, _, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        hidden = bool(self.stack) and self.stack[-1][1]
        parent = self.stack[-1][2] if self.stack else []
        if tag == "details" and "open" not in attrs:
            hidden = True
        if "tabbed-block" in classes and "tabbed-content" in parent and self.tabs:
            self.tabs[-1] += 1
            hidden = hidden or self.tabs[-1] > 1  # only the first tab shows until one is chosen
        if "tabbed-content" in classes:
            self.tabs.append(0)
        if not hidden and tag == "svg" and not self._inside("svg"):
            self.counted["figures"] += 1
        if not hidden and tag == "tr":
            self.counted["table rows"] += 1
        self.stack.append((tag, hidden, classes))

    def handle_endtag(self, tag):
        if not self._inside(tag):  # a stray end tag closes nothing
            return
        while self.stack:
            name, hidden, classes = self.stack.pop()
            if "tabbed-content" in classes and self.tabs:
                self.tabs.pop()
            if name == "pre" and not hidden:
                self.counted["code lines"] += len("".join(self.code).strip("\n").splitlines())
            if name == "pre":
                self.code = []
            if name == tag:
                return

    def handle_data(self, data):
        if self.stack and self.stack[-1][1]:
            return
        if self._inside("pre"):
            self.code.append(data)
        elif not (self._inside("svg") or self._inside("table")):
            self.counted["words"] += len(data.split())


def minutes(html: str) -> tuple[int, dict[str, int]]:
    """The page's reading time in whole minutes (at least 1), and what it counted."""
    shown = _Shown()
    shown.feed(html)
    shown.close()
    c = shown.counted
    total = (
        c["words"] / WORDS_PER_MINUTE
        + c["code lines"] / CODE_LINES_PER_MINUTE
        + c["table rows"] / TABLE_ROWS_PER_MINUTE
        + c["figures"] / FIGURES_PER_MINUTE
    )
    return max(1, round(total)), c


def on_page_content(html: str, page, config, files) -> str:
    framework = page.meta.get("framework")
    if not framework:
        return html
    page.meta["reading_minutes"], _ = minutes(html)  # the home page's track lists it (hooks/lessons.py)
    line = f'<p class="lesson-meta">{framework} · {page.meta["reading_minutes"]} min read</p>'
    return re.sub(r"(</h1>)", rf"\1\n{line}", html, count=1)
