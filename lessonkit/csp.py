"""The content security policy's parts that the build (hooks/csp.py) and the tests share."""

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", flags=re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", flags=re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", flags=re.IGNORECASE)
# Script types a browser runs; anything else (application/json, the theme's config) is data.
_EXECUTED_TYPES = {"", "text/javascript", "application/javascript", "module"}


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
