"""The one module of lessonkit that knows MkDocs: it adapts the runner (lessonkit.runner) to a build.

The exec fences plug in as pymdownx.superfences custom fences, the way markdown-exec itself does:
markdown-exec renders a fence (tabs, source placement) and `PageRun.run_block` runs its code. The hooks
in hooks/ call these functions, one job each.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from markdown_exec import base_format
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from lessonkit import execution, failures, pages, quiz
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
_ANCHOR = re.compile(r'\bid="([^"]+)"')
_BLOCK_ID = re.compile(r"\bid=(?:&quot;|\")([^&\"]+)(?:&quot;|\")")


def executing(config) -> bool:
    """Code runs unless markdown-exec is off (MARKDOWN_EXEC=false, `make bench`'s floor)."""
    return "markdown-exec" in config.plugins


def configure(config):
    """A clean build state; the project this build reads, plots into the page, lessonkit running the fences."""
    BUILD.reset(float(config.extra.get("exec_timeout", execution.DEFAULT_TIMEOUT)))
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
    # Anchors in custom fences' HTML (a question's id) are raw HTML MkDocs' link check never parsed.
    page.present_anchor_ids = (page.present_anchor_ids or set()) | set(_ANCHOR.findall(html))
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


# -- The track: navigation and the home page's list, from the lessons the pages declare ----------------

TRACK_MARKER = "<!-- lessons -->"
PAGES = [("Lesson", "lesson"), ("Run it yourself", "notebook"), ("Practice", "practice"), ("Test this pattern", "test")]


def lesson_nav(config):
    """The navigation: the home page, then each lesson's pages (its notebook only with mkdocs-jupyter)."""
    pages.use_project(Path(config.config_file_path).parent)
    nav = [{"Home": "index.md"}]
    for lesson in pages.lessons():
        group = []
        for title, part in PAGES:
            if part == "notebook" and "mkdocs-jupyter" not in config.plugins:
                continue  # no notebook pages without the plugin that renders them (make bench's variant)
            target = {"lesson": lesson.page, "notebook": lesson.notebook}.get(part) or getattr(lesson, part)
            if target is not None:
                group.append({title: target if isinstance(target, str) else target.src_uri})
        nav.append({lesson.nav: group})
    config.nav = nav
    return config


def lesson_track(page, nav) -> None:
    """The home page's list of lessons (where `<!-- lessons -->` is): title, reading time, practice, test."""
    if TRACK_MARKER not in (page.content or ""):
        return
    items = []
    by_uri = {p.file.src_uri: p for p in nav.pages}
    for number, lesson in enumerate(pages.lessons(), start=1):
        lesson_page = by_uri[lesson.page.src_uri]
        link = lambda p: get_relative_url(p.url, page.url)  # noqa: E731
        minutes = lesson_page.meta.get("reading_minutes")
        parts = [f'<a href="{link(lesson_page)}">{html.escape(lesson.title)}</a>']
        if minutes:
            parts.append(f'<span class="track-time">{minutes} min read</span>')
        for label, quiz_page in [("practice", lesson.practice), ("test", lesson.test)]:
            if quiz_page is not None:
                built = by_uri[quiz_page.src_uri]
                total = len(pages.QUIZ_FENCE.findall(quiz_page.text))  # as {{ questions }} counts them
                parts.append(
                    f'<a href="{link(built)}">{label}</a> <span class="track-progress" data-quiz-page="{link(built)}" '
                    f'data-total="{total}" hidden></span>'
                )
        items.append(f'<li class="track-lesson" value="{number}">' + " · ".join(parts) + "</li>")
    track = '<ol class="track">\n' + "\n".join(items) + "\n</ol>"
    page.content = page.content.replace(f"<p>{TRACK_MARKER}</p>", track).replace(TRACK_MARKER, track)


# -- The question rules (lessonkit.quiz) on the pages' runs --------------------------------------------


def page_question_rules(config, page: str, questions: list) -> None:
    """The rules of one page's questions (the marked option's length, answer-stating code, ...)."""
    for problem in quiz.rule_problems(questions, page, code=quiz.question_code(questions)):
        _rule(config, page, problem)


def lesson_question_rules(config, files) -> None:
    """Once every page is read: each lesson's teaching sections are asked about, and no question repeats."""
    questions = [q for run in BUILD.runs.values() for q in run.questions.values()]
    teaches = [(q, str(Path(q.page).parent / "index.md")) for q in questions]
    for lesson, problem in quiz.lesson_rules(teaches, files):
        _rule(config, lesson, problem)


def _rule(config, page: str, problem: str) -> None:
    """A breach of the question rules fails the build; `extra: {question_rules: report}` only lists it."""
    if config.extra.get("question_rules") == "report":
        logging.getLogger("lessonkit.rules").info("question rules (reported, not enforced): %s", problem)
    else:
        BUILD.record(page, problem)
