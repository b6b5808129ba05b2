"""Write a Content-Security-Policy <meta> into every built page: the site's own files only, inline scripts by hash."""

# The policy, the same on every page:
#   default-src 'self'          everything (fetches, the search worker, fonts, frames) from this site only
#   script-src 'self' <hashes>  script files from this site, and each inline <script> of any built page by
#                               its sha256 (Material's palette/tabs/scope bootstraps, mkdocs-jupyter's copy
#                               button on the notebook page); no 'unsafe-inline', no 'unsafe-eval';
#                               'report-sample': a violation report shows the start of the blocked script
#   style-src 'self' 'unsafe-inline'  inline styles stay allowed: the plots are inline SVG whose markup
#                               carries style="" attributes and a <style> element (matplotlib's SVG writer),
#                               and mkdocs-jupyter's output puts <style> elements in the notebook page; a
#                               style attribute can only be allowed by 'unsafe-inline' (or 'unsafe-hashes'
#                               plus one hash per attribute value). Material itself sets styles from its
#                               script (element.style), which no policy governs.
#   img-src 'self' data:        Material's stylesheet draws its icons (admonitions, copy button, ...) from
#                               data: SVG URLs
#   object-src 'none'; base-uri 'self'
# Every page carries the hashes of every page's inline scripts, not only its own: navigation.instant swaps
# the next page's content in and re-runs its inline scripts under the first page's policy.
#
# `mkdocs serve` appends a live-reload <script> to each page it serves (mkdocs/livereload: the script text
# carries the build's epoch and a per-request id, so it has no fixed hash). While serving, scripts are
# therefore allowed inline ('unsafe-inline', which browsers ignore as soon as a hash is listed, so the hashes
# are left out then); hosts stay restricted. `mkdocs build` always writes the strict policy. (`mkdocs serve
# --clean` reports itself to hooks as a build: its pages get the strict policy and live reload is blocked.)

import re
from pathlib import Path

from mkdocs.plugins import event_priority

from lessonkit.csp import inline_script_hashes, policy
from lessonkit.runner import BUILD

PLACEHOLDER = "__CSP_SCRIPT_SOURCES__"
META = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
_CHARSET = re.compile(r"<meta charset=[^>]*>", flags=re.IGNORECASE)


def _with_meta(html: str) -> str:
    """The policy placeholder first in <head> (after the charset): a policy covers only what follows it."""
    charset = _CHARSET.search(html)
    at = charset.end() if charset else html.index("<head>") + len("<head>")
    return html[:at] + META + html[at:]


@event_priority(-100)  # last: the hashes are of the page as it is written
def on_post_page(output: str, page, config) -> str:
    BUILD.script_hashes |= inline_script_hashes(output)
    return _with_meta(output)


@event_priority(-100)
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):  # sitemap.xml
        return output
    BUILD.script_hashes |= inline_script_hashes(output)
    return _with_meta(output)


def on_post_build(config):
    sources = "'unsafe-inline'" if BUILD.serving else " ".join(sorted(BUILD.script_hashes))
    for page in Path(config.site_dir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if PLACEHOLDER in html:
            page.write_text(html.replace(PLACEHOLDER, policy(sources)), encoding="utf-8")
