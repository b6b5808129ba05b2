"""`mkdocs serve` in the background, its log read as it comes: for the tests and `make bench`."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


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
