"""Serving for the tests and `make bench`: a built site as GitHub Pages serves it, and `mkdocs serve`
in the background, its log read as it comes."""

from __future__ import annotations

import contextlib
import functools
import http.server
import mimetypes
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """A directory answers its index.html (a redirect adds its slash); any missing path answers 404.html."""

    def __init__(self, *args, site: Path, prefix: str, **kwargs):
        self.site, self.prefix = site, prefix
        super().__init__(*args, **kwargs)

    def do_GET(self):
        status, body, kind = self.answer(unquote(urlsplit(self.path).path))
        self.send_response(status)
        if status == 301:
            self.send_header("Location", body.decode())
            body = b""
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer(self, path: str) -> tuple[int, bytes, str]:
        target = (self.site / path.removeprefix(self.prefix)).resolve() if path.startswith(self.prefix) else None
        if target is not None and target.is_relative_to(self.site.resolve()):
            if target.is_dir() and not path.endswith("/"):
                return 301, (path + "/").encode(), "text/plain"
            if target.is_dir():
                target = target / "index.html"
            if target.is_file():
                return 200, target.read_bytes(), mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return 404, (self.site / "404.html").read_bytes(), "text/html"

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def pages_server(site: Path, prefix: str = "/"):
    """Serves `site` under `prefix` on 127.0.0.1 and a free port; yields the site's address."""
    handler = functools.partial(PagesHandler, site=site, prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)

    def wait_for(self, text: str, start: int = 0, timeout: float = 150) -> None:
        """Until a log line from `start` on contains `text`; fails with the log past `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines[start:]):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise TimeoutError(f"mkdocs serve never said {text!r}:\n{''.join(self.lines)}")
            time.sleep(0.05)


@contextlib.contextmanager
def serving(project: Path, env: dict[str, str] | None = None, python: str = sys.executable) -> Iterator[Server]:
    """`mkdocs serve` on a free port of 127.0.0.1 in `project`, up and serving; stopped afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [python, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        stderr=subprocess.PIPE,
        text=True,
    )
    server = Server(f"http://127.0.0.1:{port}/", process)
    reader = threading.Thread(target=lambda: server.lines.extend(process.stderr), daemon=True)
    reader.start()
    try:
        server.wait_for("Serving on", timeout=240)
        yield server
    finally:
        process.terminate()
        process.wait(30)
        reader.join(30)
        process.stderr.close()
