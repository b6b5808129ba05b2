"""Fill `{{ questions }}`, `{{ questions:test.md }}` and `{{ lessons }}` in prose: counts are never typed."""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from lessonkit import pages


@event_priority(100)  # before hooks/quiz.py replaces the quiz fences
def on_page_markdown(markdown: str, page, config, files) -> str:
    try:
        return pages.fill_counts(markdown, page.file.src_uri)
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None
