"""Render the maths pymdownx.arithmatex marks (`$...$`, `$$...$$`) as MathML at build time: no script, no CDN."""

# Browsers render MathML Core natively, so the page loads nothing and the content security policy needs
# nothing. The notebook keeps the `$...$` source, which Jupyter renders itself; on the notebook's page
# (nbconvert leaves the dollars for a MathJax the site does not load) its prose maths is rendered here
# too. A formula latex2mathml cannot read fails the build naming the page and the formula.

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

from lessonkit import failures

_MARKED = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])\s*</(?P=tag)>', re.S
)


# On the notebook page: dollars in prose (never in code, outputs' <pre>, scripts or figures).
_KEEP = re.compile(r"<(pre|code|script|svg|style)\b.*?</\1>", re.S)
_DOLLARS = re.compile(r"\$\$(?P<block>.+?)\$\$|(?<![\\$\w])\$(?=\S)(?P<inline>[^$\n]+?)(?<=\S)\$(?![\w$])", re.S)


def on_page_content(page_html: str, page, config, files) -> str:
    def mathml(match: re.Match) -> str:
        latex = html.unescape(match["inline"] if match["inline"] is not None else match["block"]).strip()
        try:
            rendered = convert(latex, display="inline" if match["inline"] is not None else "block")
        except Exception as error:  # latex2mathml raises its own types and plain ones alike
            failures.record(page.file.src_uri, f"{page.file.src_uri}: the formula `{latex}` does not render: {error}")
            return match[0]
        # The LaTeX stays as the formula's accessible text, for readers whose tools skip MathML.
        return rendered.replace("<math ", f'<math alttext="{html.escape(latex, quote=True)}" ', 1)

    if page.file.src_uri.endswith(".ipynb"):
        pieces = _KEEP.split(page_html)  # text, then each kept element's tag name and the element itself
        kept = [m[0] for m in _KEEP.finditer(page_html)]
        prose = pieces[::2]
        return "".join(_DOLLARS.sub(mathml, text) + (kept[i] if i < len(kept) else "") for i, text in enumerate(prose))
    return _MARKED.sub(mathml, page_html)
