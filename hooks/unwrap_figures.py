"""Take a <figure> out of the <p> that Python-Markdown wraps around it inside a tab (invalid HTML)."""

# Raw HTML is a block only at the start of a line; markdown-exec's result tabs indent it, so a figure
# printed by a block arrives as `<p><figure>...</figure></p>`, which the Nu HTML checker rejects.

import re

_WRAPPED = re.compile(r"<p>(<figure\b.*?</figure>)\s*</p>", re.DOTALL)


def on_page_content(html: str, page, config, files) -> str:
    return _WRAPPED.sub(r"\1", html)
