"""Render ```quiz fences as questions (a superfences custom fence: lessonkit/quiz_html.py); their progress line.

The schema, parser and verifier are lessonkit.quiz's; the page's run (lessonkit.runner) reads and checks
the questions and runs each evidence as a block of the page, so a page never shows an answer that its
own evidence contradicts.
"""

from pathlib import Path

from lessonkit import quiz_html, site
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
    site.page_question_rules(config, page.file.src_uri, questions)
    total = len(questions)
    progress = (  # the buttons need JavaScript, which unhides them
        f'<div class="quiz-progress"><p class="quiz-progress-text" aria-live="polite">Progress: (0/{total})</p>'
        '<button type="button" class="md-button quiz-reset" hidden>Reset progress</button></div>\n'
    )
    return markdown.replace("<!-- quiz-progress -->", progress).replace(
        "<!-- quiz-score -->", '<p class="quiz-score" aria-live="polite"></p>'
    )


def on_env(env, config, files):  # every page is read: the rules across a lesson's questions
    site.lesson_question_rules(config, files)
    return env
