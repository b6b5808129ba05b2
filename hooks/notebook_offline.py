"""Drop the script loaders that mkdocs-jupyter puts on a notebook page to fetch MathJax and Mermaid from a CDN."""

# nbconvert's lab template always emits both (the plugin has no switch for them): an empty MathJax
# <script src=""> with its config, and a module script that imports Mermaid from cdnjs when a diagram
# is present. The lesson's notebook has no math and no diagrams, and no page loads from another host.

import re

_CDN_LOADERS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r'|<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>',
    flags=re.DOTALL,
)


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        html = _CDN_LOADERS.sub("", html)
    return html
