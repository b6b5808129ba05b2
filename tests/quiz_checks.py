"""The questions of a page, read and run the way the build does (lessonkit.quiz), for the page tests."""

from lessonkit import quiz
from lessonkit.pages import Page


def questions(page: str) -> list[quiz.Question]:
    """The questions of docs/<page>, parsed as the build parses them."""
    text = Page(page).path.read_text(encoding="utf-8")
    return quiz.parse(text, page)


def run_evidence(question: quiz.Question) -> tuple[dict, str]:
    """Run the question's evidence alone, as the build does; its namespace and what it printed."""
    namespace, printed, _ = quiz.run_evidence(question)
    return namespace, printed


plain = quiz.plain  # an option's text without Markdown code ticks
