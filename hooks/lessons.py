"""The site as a track: the navigation and the home page's lesson list, from the lessons the pages declare.

A lesson is a page whose front matter has `lesson: {order: N, nav: "Short title"}`; beside it sit its
practice.md and test.md, and the build generates its notebook (hooks/lesson_notebook.py). Nothing
here names a lesson: adding one is adding its pages.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.utils import get_relative_url

from lessonkit import pages

TRACK_MARKER = "<!-- lessons -->"
PAGES = [("Lesson", "lesson"), ("Run it yourself", "notebook"), ("Practice", "practice"), ("Test this pattern", "test")]


def on_config(config):
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


def on_page_context(context, page, config, nav):
    if TRACK_MARKER not in (page.content or ""):
        return context
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
    return context
