"""Serves a built site the way GitHub Pages serves a project site: under a path prefix such as /REPO/.

A directory answers its index.html (and redirects to its address with a slash), and any missing path,
inside the prefix or not, answers the site's 404.html with status 404. Usage:

    with pages_server(site_dir, "/some-repo/") as url:   # http://127.0.0.1:PORT/some-repo/
        ...  # build into site_dir now if the build needs the address: files are read per request

or, to build a scratch copy of the project for that address (SITE_URL) and serve it:

    with hosted_build(tmp_dir, "/some-repo/", FIXTURE, MARKDOWN_EXEC="false") as (url, site):
        ...   # FIXTURE (tests/fixture_site/): the fixture lesson instead of the real ones, or None
"""

import contextlib
import functools
import http.server
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import copy_project, mkdocs_build


class PagesHandler(http.server.BaseHTTPRequestHandler):
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


@contextlib.contextmanager
def hosted_build(directory: Path, prefix: str = "/", lessons: Path | None = None, **env: str):
    """A copy of the project in `directory` (with `lessons`: those lesson folders), built with SITE_URL set
    to the address it is served at (so canonical links, the sitemap and navigation.instant see their own
    origin) and `env`, served there; yields (address, site directory)."""
    copy_project(directory, lessons)
    site = directory / "site"
    with pages_server(site, prefix) as url:
        result = mkdocs_build(directory, site, SITE_URL=url, **env)
        assert result.returncode == 0, result.stderr
        yield url, site
