"""The site as a track: the navigation and the home page's lesson list, from the lessons the pages declare.

A lesson is a page whose front matter has `lesson: {order: N, nav: "Short title"}`; beside it sit its
practice.md and test.md, and the build generates its notebook (hooks/lesson_notebook.py). Nothing
here names a lesson: adding one is adding its pages (lessonkit/site.py builds both).
"""

from lessonkit import site


def on_config(config):
    return site.lesson_nav(config)


def on_page_context(context, page, config, nav):
    site.lesson_track(page, nav)
    return context
