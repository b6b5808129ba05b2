"""Put the framework and a reading time, computed from the page's own words, under a page's title."""

# Only pages whose front matter names a `framework` get the line (the lesson pages do). Prose and
# printed results count; code listings and drawn plots do not (they are studied, not read).

import re

WORDS_PER_MINUTE = 200


def on_page_content(html: str, page, config, files) -> str:
    framework = page.meta.get("framework")
    if not framework:
        return html
    prose = re.sub(r"<pre\b.*?</pre>|<svg\b.*?</svg>", " ", html, flags=re.DOTALL)
    words = len(re.sub(r"<[^>]+>", " ", prose).split())
    minutes = max(1, round(words / WORDS_PER_MINUTE))
    page.meta["reading_minutes"] = minutes  # the home page's track lists it (hooks/lessons.py)
    line = f'<p class="lesson-meta">{framework} · {minutes} min read</p>'
    return re.sub(r"(</h1>)", rf"\1\n{line}", html, count=1)
