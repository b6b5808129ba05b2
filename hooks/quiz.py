"""Render ```quiz fences as questions (a superfences custom fence: lessonkit/quiz_html.py); their progress line.

The schema, parser and verifier are lessonkit.quiz's; the page's run (lessonkit.runner) reads and checks
the questions and runs each evidence as a block of the page, so a page never shows an answer that its
own evidence contradicts.
"""

import logging
from pathlib import Path

from lessonkit import quiz, quiz_html
from lessonkit.runner import BUILD


def on_config(config):
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    superfences.setdefault("custom_fences", []).append(
        {"name": "quiz", "class": "quiz", "format": quiz_html.format_quiz}
    )
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "```quiz" not in markdown:
        return markdown
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    questions = BUILD.page(page.file.src_uri).read_questions(markdown, source)
    for problem in quiz.rule_problems(questions, page.file.src_uri, code=quiz.question_code(questions)):
        _rule(config, page.file.src_uri, problem)
    total = len(questions)
    progress = (  # the buttons need JavaScript, which unhides them
        f'<div class="quiz-progress"><p class="quiz-progress-text" aria-live="polite">Progress: (0/{total})</p>'
        '<button type="button" class="md-button quiz-reset" hidden>Reset progress</button></div>\n'
    )
    return markdown.replace("<!-- quiz-progress -->", progress).replace(
        "<!-- quiz-score -->", '<p class="quiz-score" aria-live="polite"></p>'
    )


def on_env(env, config, files):
    """Every page is read: each lesson's teaching sections are asked about, and no question repeats."""
    teaches = [
        (q, str(Path(q.page).parent / "index.md")) for run in BUILD.runs.values() for q in run.questions.values()
    ]
    for lesson, problem in quiz.lesson_rules(teaches, files):
        _rule(config, lesson, problem)
    return env


def _rule(config, page: str, problem: str) -> None:
    """A breach of the question rules fails the build; `extra: {question_rules: report}` only lists it."""
    if config.extra.get("question_rules") == "report":
        logging.getLogger("lessonkit.rules").info("question rules (reported, not enforced): %s", problem)
    else:
        BUILD.record(page, problem)
