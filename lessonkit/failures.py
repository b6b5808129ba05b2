"""The build's failures, collected by page, so that every hook reports them the same way.

A normal build fails at its end with all of them. `mkdocs serve` instead replaces each failed page with
an error page naming the block or question and the message; livereload shows it, and the next good
build replaces it again, so the author never waits on a stalled server or reads a stale page.
"""

from __future__ import annotations

import html

_failures: dict[str, list[str]] = {}
state = {"serving": False}


def record(page: str, message: str) -> None:
    _failures.setdefault(page, []).append(message)


def clear() -> None:
    _failures.clear()


def of(page: str) -> list[str]:
    return _failures.get(page, [])


def all_messages() -> list[str]:
    return [message for messages in _failures.values() for message in messages]


def error_page(page: str) -> str:
    """A self-contained page that says what failed; livereload reloads it once a build succeeds."""
    items = "\n".join(f"<li><pre>{html.escape(message)}</pre></li>" for message in of(page))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed: {html.escape(page)}</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}}
pre{{white-space:pre-wrap;background:#f3f3f3;padding:.6rem;border-left:4px solid #b71c1c}}</style></head>
<body><h1>This page did not build</h1>
<p><code>{html.escape(page)}</code> has {len(of(page))} error(s). Fix and save: this page reloads by itself.</p>
<ol>{items}</ol></body></html>
"""
