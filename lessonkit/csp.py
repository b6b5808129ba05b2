"""The content security policy's parts that the build (hooks/csp.py) and the tests share."""

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

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", flags=re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", flags=re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", flags=re.IGNORECASE)
# Script types a browser runs; anything else (application/json, the theme's config) is data.
_EXECUTED_TYPES = {"", "text/javascript", "application/javascript", "module"}


PLACEHOLDER = "__CSP_SCRIPT_SOURCES__"  # in each page as written; the policy once every page's hashes are known
META = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
_CHARSET = re.compile(r"<meta charset=[^>]*>", flags=re.IGNORECASE)


def with_meta(html: str) -> str:
    """The policy placeholder first in <head> (after the charset): a policy covers only what follows it."""
    charset = _CHARSET.search(html)
    at = charset.end() if charset else html.index("<head>") + len("<head>")
    return html[:at] + META + html[at:]


def write_policy(site: Path, script_sources: str) -> None:
    """Fill in the policy in every built page."""
    for page in Path(site).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if PLACEHOLDER in html:
            page.write_text(html.replace(PLACEHOLDER, policy(script_sources)), encoding="utf-8")


def policy(script_sources: str) -> str:
    return (
        f"default-src 'self'; script-src 'self' 'report-sample' {script_sources}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'"
    )


def inline_script_hashes(html: str) -> set[str]:
    """'sha256-...' of the text of each inline script the browser would run, as the browser hashes it."""
    hashes = set()
    for attributes, text in _SCRIPT.findall(html):
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind.group(1).lower() if kind else "") not in _EXECUTED_TYPES:
            continue
        digest = hashlib.sha256(text.replace("\r\n", "\n").encode()).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes
