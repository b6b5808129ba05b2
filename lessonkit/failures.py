"""The build's failures, collected by page (in lessonkit.runner.BUILD), so that every hook reports them alike.

A normal build fails at its end with all of them. `mkdocs serve` instead replaces each failed page with
an error page naming the block or question and the message; livereload shows it, and the next good
build replaces it again, so the author never waits on a stalled server or reads a stale page.
"""

from __future__ import annotations

import html

from lessonkit.runner import BUILD


class _State:
    """`state["serving"]`, kept for callers of the older dict: the flag itself is BUILD.serving."""

    def __getitem__(self, name: str) -> bool:
        return getattr(BUILD, name)

    def __setitem__(self, name: str, value: bool) -> None:
        setattr(BUILD, name, value)


state = _State()


def record(page: str, message: str) -> None:
    BUILD.record(page, message)


def clear() -> None:
    BUILD.clear_failures()


def of(page: str) -> list[str]:
    run = BUILD.runs.get(page)
    return run.failures if run else []


def all_messages() -> list[str]:
    return BUILD.messages()


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
