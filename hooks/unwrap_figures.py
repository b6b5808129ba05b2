"""Take a <figure> or a question's <section> out of the <p> that Python-Markdown wraps around it (invalid HTML)."""

# Raw HTML is a block only at the start of a line; markdown-exec's result tabs indent it, so a figure
# printed by a block arrives as `<p><figure>...</figure></p>`. A question (a custom fence whose headings
# markdown-exec's converter reports to the table of contents) arrives as `<p>\n<section ...>...</section></p>`.

import re

_WRAPPED = re.compile(r"<p>\s*(<figure\b.*?</figure>|<section class=\"quiz\".*?</section>)\s*</p>", re.DOTALL)


def on_page_content(html: str, page, config, files) -> str:
    return _WRAPPED.sub(r"\1", html)
