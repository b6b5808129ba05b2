"""Fill `{{ questions }}`, `{{ questions:test.md }}` and `{{ lessons }}` in prose: counts are never typed."""

from mkdocs.plugins import event_priority

from lessonkit import pages
from lessonkit.runner import BUILD


@event_priority(100)  # before hooks/quiz.py replaces the quiz fences
def on_page_markdown(markdown: str, page, config, files) -> str:
    try:
        return pages.fill_counts(markdown, page.file.src_uri)
    except FileNotFoundError as error:  # a failure of the page (serve shows its error page), not a crash
        BUILD.record(page.file.src_uri, str(error))
        return markdown
