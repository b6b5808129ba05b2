"""Run every exec fence through lessonkit's PageRun (lessonkit/runner.py; lessonkit/site.py plugs it in)."""

from mkdocs.plugins import event_priority

from lessonkit import site
from lessonkit.runner import BUILD


def on_startup(command, dirty) -> None:
    BUILD.serving = command == "serve"  # serve: failed pages become error pages


@event_priority(-50)  # after markdown-exec's on_config has added its custom fences; once per (re)build
def on_config(config):
    return site.configure(config)  # and a clean BUILD for this build


@event_priority(-100)  # after every hook that writes fences into the page (hooks/quiz.py)
def on_page_markdown(markdown: str, page, config, files) -> str:
    return site.start_page(markdown, page, config)


def on_page_content(html: str, page, config, files) -> str:
    return site.finish_page(html, page, config)


@event_priority(-100)  # last: what the author sees instead of a page whose code failed
def on_post_page(output: str, page, config) -> str:
    return site.error_page_or(output, page)


def on_post_build(config) -> None:  # every failure at once; serving, the server stays live
    site.report()


def on_build_error(error) -> None:
    site.report_error()
