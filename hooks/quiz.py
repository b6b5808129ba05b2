"""Render ```quiz fences as accessible questions; fail the build on a malformed question or a disproved answer.

Parsing, the schema and the verifier are lessonkit.quiz's, which the tests use too. Each question's
evidence runs as a block of the page (hooks/execution.py), and its result is checked against the marked
option right there: a page never shows an answer that its own evidence contradicts.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import re
from pathlib import Path

from lessonkit import execution, failures, quiz

_teaches: list[tuple[quiz.Question, str]] = []  # (question, the lesson page it points at)
_titles: dict[tuple[str, str], str] = {}  # (lesson page, anchor) -> heading title
_WHY_NOT = re.compile(r"@@why-not:([\w-]+):(\w+)@@")
_TEACHES = re.compile(r"@@teaches-title:([\w-]+)@@")


def on_pre_build(config) -> None:
    _teaches.clear()
    _titles.clear()


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "```quiz" not in markdown:
        return markdown
    name = page.file.src_uri
    errors: list[str] = []  # every bad question of the page is reported (at the build's end), not just the first
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    questions = quiz.parse(
        markdown, name, require_why_not="<!-- quiz-progress -->" in markdown, source=source, errors=errors
    )
    try:
        quiz.check_page(questions, name)
    except quiz.QuizError as error:
        errors.append(str(error))
    for problem in quiz.rule_problems(questions, name, code=quiz.question_code(questions)):
        _rule(config, name, problem)
    lesson = str(Path(name).parent / "index.md")  # a lesson's pages sit beside it
    link = "" if name == lesson else os.path.relpath(lesson, Path(name).parent)
    rendered = {}
    for q in questions:
        try:
            quiz.check_snippets(q)
        except quiz.QuizError as error:
            errors.append(str(error))
            continue
        execution.expect(name, q.evidence_block, functools.partial(quiz.verify, q))
        _teaches.append((q, lesson))
        rendered[q.number] = quiz.render(q, link)
    for error in errors:
        failures.record(name, error)
    numbers = iter(range(1, len(quiz.FENCE.findall(markdown)) + 1))
    body = quiz.FENCE.sub(lambda _: rendered.get(next(numbers), ""), markdown)  # a bad question shows nothing
    total = len(questions)
    progress = (  # the buttons need JavaScript, which unhides them
        f'<div class="quiz-progress"><p class="quiz-progress-text" aria-live="polite">Progress: (0/{total})</p>'
        '<button type="button" class="md-button quiz-reset" hidden>Reset progress</button></div>\n'
    )
    return body.replace("<!-- quiz-progress -->", progress).replace(
        "<!-- quiz-score -->", '<p class="quiz-score" aria-live="polite"></p>'
    )


def on_page_content(html_text: str, page, config, files) -> str:
    """A `verify: runs` option's why-not is the error its own run raised."""
    name = page.file.src_uri

    def outcome(match: re.Match) -> str:
        facts = execution.FACTS.get((name, f"{match[1]}-evidence"), {})
        return html.escape(facts.get("outcomes", {}).get(match[2], ""), quote=True)

    return _WHY_NOT.sub(outcome, html_text)


def on_env(env, config, files):
    """Every page is rendered: each question's `teaches` must be a heading of its lesson page."""
    for q, lesson in _teaches:
        file = files.get_file_from_path(lesson)
        headings = {item.id: item.title for item in _flatten(file.page.toc)} if file and file.page else {}
        if q.teaches not in headings:
            failures.record(q.page, f"{q.name}: `teaches: {q.teaches}`, but {lesson} has no heading with that id")
        _titles[(lesson, q.teaches)] = headings.get(q.teaches, q.teaches)
    for lesson, problem in quiz.lesson_rules(_teaches, files):  # every teaching section asked about, no repeats
        _rule(config, lesson, problem)
    return env


def on_page_context(context, page, config, nav):
    lesson = str(Path(page.file.src_uri).parent / "index.md")
    page.content = _TEACHES.sub(lambda m: html.escape(_titles.get((lesson, m[1]), m[1])), page.content or "")
    return context


def _rule(config, page: str, problem: str) -> None:
    """A breach of the question rules fails the build; `extra: {question_rules: report}` only lists it
    (while the lessons are rewritten to meet them), outside the `mkdocs` logger that strict mode counts."""
    if config.extra.get("question_rules") == "report":
        _report.warning("question rules (reported, not enforced): %s", problem)
    else:
        failures.record(page, problem)


_report = logging.getLogger("lessonkit.rules")
if not _report.handlers:
    _report.addHandler(logging.StreamHandler())
    _report.propagate = False


def _flatten(toc):
    for item in toc:
        yield item
        yield from _flatten(item.children)
