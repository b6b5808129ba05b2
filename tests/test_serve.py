"""`make serve` for an author: a failed page becomes an error page naming block and line, and recovers on a fix."""

import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from conftest import LESSONS

pytestmark = [pytest.mark.build, pytest.mark.browser]
LESSON = LESSONS[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def serving(scratch_project, tmp_path):
    """`mkdocs serve` on the scratch copy with the execution cache on, as `make serve` runs it; its log lines."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LESSON_CACHE": str(tmp_path / "cache")}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=scratch_project,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(server.stderr), daemon=True).start()
    wait_for(lines, "Serving on", 0)
    yield f"http://127.0.0.1:{port}/", lines
    server.terminate()
    server.wait(30)
    server.stderr.close()


def wait_for(lines: list[str], text: str, start: int, timeout: float = 150) -> None:
    deadline = time.monotonic() + timeout
    while not any(text in line for line in lines[start:]):
        assert time.monotonic() < deadline, f"mkdocs serve never said {text!r}:\n{''.join(lines)}"
        time.sleep(0.1)


def test_a_failing_block_shows_an_error_page_that_recovers_on_a_fix(serving, scratch_project, browser):
    base, lines = serving
    fence = LESSON.page.fences[0]
    path, line = fence.origins[0]
    snippet = scratch_project / path
    original = snippet.read_text()
    tab = browser.new_page()
    url = base + LESSON.page.src_uri.removesuffix("index.md")
    tab.goto(url, timeout=30_000)
    assert tab.locator("h1").first.inner_text().rstrip("¶") == LESSON.title

    source = original.splitlines(keepends=True)
    source.insert(line - 1, 'raise RuntimeError("an author\'s mistake")\n')
    seen = len(lines)
    with tab.expect_navigation(timeout=150_000):  # livereload reloads the open page
        snippet.write_text("".join(source))
        wait_for(lines, "Reloading browsers", seen)
    assert tab.locator("h1").inner_text() == "This page did not build"
    error = tab.locator("li pre").first.inner_text()
    assert f"block '{fence.id}' raised RuntimeError: an author's mistake at {path}:{line}" in error

    seen = len(lines)
    with tab.expect_navigation(timeout=150_000):
        snippet.write_text(original)
        wait_for(lines, "Reloading browsers", seen)
    assert tab.locator("h1").first.inner_text().rstrip("¶") == LESSON.title
    tab.close()
