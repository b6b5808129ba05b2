"""Leave on the notebook page only what it uses: no CDN script loaders, no JupyterLab stylesheets."""

# mkdocs-jupyter renders the notebook page with nbconvert's lab template, which always emits:
# - an empty MathJax <script src=""> with its config, and a module script that imports Mermaid from cdnjs
#   when a diagram is present (the plugin has no switch for them); the notebook's maths is rendered to
#   MathML by hooks/maths.py, it has no diagrams, and no page loads from another host;
# - JupyterLab's whole stylesheet and its light theme, the Pygments colours and a Mermaid rule, as <style>
#   elements inside the article (~590 KB, ~90 KB gzip: over half the page's weight). The site styles the
#   few jp-* classes the page uses itself, in the theme's colours (docs/stylesheets/notebook.css).
#   A <style> inside an <svg> (matplotlib's, in a plot's output) belongs to that image and stays.

import re

_CDN_LOADERS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r'|<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>',
    flags=re.DOTALL,
)
_SVG_OR_STYLE = re.compile(r"(<svg\b.*?</svg>)|<style\b[^>]*>.*?</style>", flags=re.DOTALL)


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        html = _CDN_LOADERS.sub("", html)
        html = _SVG_OR_STYLE.sub(lambda match: match.group(1) or "", html)
    return html
