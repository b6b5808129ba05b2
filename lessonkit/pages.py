"""The page model: a page's front matter, its exec fences and their code as pymdownx.snippets expands it.

One reader of exec fences for the hooks, the notebook, the tests and `make bench`. Each line of a
fence's expanded code keeps its origin (snippet file and line), so an error can point at the source.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from pymdownx.snippets import SnippetMissingError  # noqa: F401 - what a missing include raises, for the runner

ROOT = Path(__file__).resolve().parent.parent  # the project; a build of a scratch copy calls use_project()
PROJECT_FILES = ["mkdocs.yml", "docs", "snippets", "hooks", "overrides", "RELEASES.toml"]  # what a build reads (copies)
FENCE = re.compile(r"^(?P<ticks>```+)(?P<info>[^\n]*\bexec=\"on\"[^\n]*)\n(?P<body>.*?)^(?P=ticks)[ \t]*$", re.M | re.S)
OPTION = re.compile(r'(\w+)="([^"]*)"')
INCLUDE = re.compile(r'^\s*--8<-- "([^"]+)"\s*$')
MARKER = re.compile(r"--8<-- \[(?:start|end):[\w-]+\]")
QUIZ_FENCE = re.compile(r"^```quiz\n(.*?)^```[ \t]*$", re.M | re.S)  # the one pattern of a question fence
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs reads it


def front_matter(text: str) -> tuple[str, dict]:
    """A page's text without its YAML front matter, and that front matter (MkDocs' rule: a mapping or nothing)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        meta = yaml.safe_load(match[1])
    except yaml.YAMLError:
        return text, {}
    return (text[match.end() :].lstrip("\n"), meta) if isinstance(meta, dict) else (text, {})


@dataclass
class Fence:
    """One executed code block of a page."""

    id: str
    session: str
    options: dict[str, str]  # every option of the fence, e.g. source="tabbed-right"
    body: str  # as written on the page: usually one include line
    line: int  # the fence's first line in the page file
    code: str = ""  # as pymdownx.snippets expands the body, as markdown-exec runs it
    origins: list[tuple[str, int]] = field(default_factory=list)  # per code line: (file, line)
    includes: list[Path] = field(default_factory=list)  # the snippet files the body includes

    def origin(self, lineno: int) -> str:
        """`snippets/x.py:34` for line `lineno` (1-based) of the expanded code."""
        if 1 <= lineno <= len(self.origins):
            path, line = self.origins[lineno - 1]
            return f"{path}:{line}"
        return f"line {lineno} of block '{self.id}'"


def use_project(root: Path) -> None:
    """Read pages and snippets from another copy of the project (a build hook calls this in on_config)."""
    global ROOT
    ROOT = Path(root).resolve()
    snippets_config.cache_clear()


def docs() -> Path:
    return ROOT / "docs"


def snippets() -> Path:
    return ROOT / "snippets"


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml's tags (`!ENV`) read as their plain value: only the Markdown options are wanted here."""


_AnyTags.add_multi_constructor("!", lambda loader, suffix, node: None)


@functools.cache
def snippets_config() -> dict:
    """pymdownx.snippets' options as mkdocs.yml sets them (base_path made absolute)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTags)
    found = next(e for e in config["markdown_extensions"] if isinstance(e, dict) and "pymdownx.snippets" in e)
    return {**found["pymdownx.snippets"], "base_path": [str(snippets())]}


def expander():
    """pymdownx.snippets' own preprocessor, configured as the pages are."""
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": snippets_config()})
    return md.preprocessors["snippet"]


def expand(fence: Fence, page_file: str) -> Fence:
    """Fill in the fence's code and each line's origin (raises pymdownx's SnippetMissingError)."""
    expand_line = expander().run
    code, origins, includes = [], [], []
    for offset, line in enumerate(fence.body.splitlines(), start=1):
        include = INCLUDE.match(line)
        if not include:
            code.append(line)
            origins.append((page_file, fence.line + offset))
            continue
        lines = expand_line([line])
        path, _, section = include.group(1).partition(":")
        includes.append(snippets() / path)
        code += lines
        origins += _origins(snippets() / path, section, lines)
    fence.code, fence.origins, fence.includes = "\n".join(code), origins, includes
    return fence


def _origins(path: Path, section: str, lines: list[str]) -> list[tuple[str, int]]:
    """Where each expanded line sits in its file: walk the section, skipping nested markers."""
    source = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if section:
        start = next((i + 1 for i, text in enumerate(source) if f"[start:{section}]" in text), 0)
    name, found, cursor = _relative(path), [], start
    for line in lines:
        while cursor < len(source) and (MARKER.search(source[cursor]) or source[cursor].strip() != line.strip()):
            cursor += 1
        found.append((name, cursor + 1 if cursor < len(source) else start + 1))
        cursor += 1
    return found


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def read_fences(markdown_text: str, page_file: str, expand_code: bool = True) -> list[Fence]:
    """A page's exec fences in page order; `page_file` names the page in origins (e.g. docs/rnn/index.md)."""
    fences = []
    for number, match in enumerate(FENCE.finditer(markdown_text), start=1):
        options = dict(OPTION.findall(match.group("info")))
        line = markdown_text.count("\n", 0, match.start()) + 1
        fence = Fence(
            id=options.get("id", f"block-{number}"),
            session=options.get("session", ""),
            options=options,
            body=match.group("body"),
            line=line,
        )
        fences.append(expand(fence, page_file) if expand_code else fence)
    return fences


@dataclass
class Page:
    """A Markdown page under docs/."""

    src_uri: str  # relative to docs/, e.g. rnn/index.md

    @property
    def path(self) -> Path:
        return docs() / self.src_uri

    @functools.cached_property
    def text_and_meta(self) -> tuple[str, dict]:
        return front_matter(self.path.read_text(encoding="utf-8"))

    @property
    def text(self) -> str:
        return self.text_and_meta[0]

    @property
    def meta(self) -> dict:
        return self.text_and_meta[1]

    @functools.cached_property
    def fences(self) -> list[Fence]:
        return read_fences(self.path.read_text(encoding="utf-8"), f"docs/{self.src_uri}")


@dataclass
class Lesson:
    """A lesson: a page whose front matter has `lesson:`, and the pages beside it."""

    page: Page
    order: int
    nav: str

    @property
    def folder(self) -> str:  # e.g. rnn
        return str(Path(self.page.src_uri).parent)

    @property
    def notebook(self) -> str:  # the generated notebook's src_uri, e.g. rnn/rnn-lesson.ipynb
        return f"{self.folder}/{Path(self.folder).name}-lesson.ipynb"

    @property
    def practice(self) -> Page | None:
        return _sibling(self, "practice.md")

    @property
    def test(self) -> Page | None:
        return _sibling(self, "test.md")

    @property
    def title(self) -> str:
        return re.search(r"^# (.+)$", self.page.text, flags=re.M).group(1).strip()


def _sibling(lesson: Lesson, name: str) -> Page | None:
    page = Page(f"{lesson.folder}/{name}")
    return page if page.path.is_file() else None


def lessons() -> list[Lesson]:
    """Every declared lesson under docs/, in track order."""
    found = []
    for path in sorted(docs().rglob("*.md")):
        declared = front_matter(path.read_text(encoding="utf-8"))[1].get("lesson")
        if declared:
            page = Page(str(path.relative_to(docs())))
            found.append(
                Lesson(page=page, order=int(declared.get("order", 99)), nav=str(declared.get("nav", page.src_uri)))
            )
    return sorted(found, key=lambda lesson: (lesson.order, lesson.page.src_uri))


def pages() -> list[Page]:
    """Every Markdown page of the site."""
    return [Page(str(path.relative_to(docs()))) for path in sorted(docs().rglob("*.md"))]


_FENCED = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.M | re.S)


def headings(src_uri: str) -> dict[str, str]:
    """A page's headings, id -> title, as its table of contents has them ({} for a missing page)."""
    page = Page(src_uri)
    return _headings(page.text) if page.path.is_file() else {}


@functools.lru_cache(maxsize=16)
def _headings(text: str) -> dict[str, str]:
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert(_FENCED.sub("", text))  # a code block's comment lines are no headings

    def walk(tokens):
        for token in tokens:
            yield token["id"], html.unescape(token["name"])
            yield from walk(token["children"])

    return dict(walk(md.toc_tokens))


def built_html(src_uri: str) -> str:
    """A page's built HTML file, relative to the site (directory URLs): a/practice.md -> a/practice/index.html."""
    stem = src_uri.removesuffix(".md").removesuffix(".ipynb")
    if stem == "index" or stem.endswith("/index") or stem == "404":
        return stem + ".html"
    return stem + "/index.html"


COUNT = re.compile(r"\{\{\s*(questions|lessons)(?::([\w./-]+))?\s*\}\}")


def fill_counts(markdown_text: str, src_uri: str) -> str:
    """`{{ questions }}`: this page's quiz questions; `{{ questions:test.md }}`: another page's; `{{ lessons }}`."""

    def count(match: re.Match) -> str:
        if match[1] == "lessons":
            return str(len(lessons()))
        if match[2] is None:
            return str(len(QUIZ_FENCE.findall(markdown_text)))
        other = Page(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), match[2])))
        if not other.path.is_file():
            raise FileNotFoundError(f"{src_uri}: {match[0]} names a page that does not exist (docs/{other.src_uri})")
        return str(len(QUIZ_FENCE.findall(other.text)))

    return COUNT.sub(count, markdown_text)
