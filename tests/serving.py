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
from pathlib import Path

from conftest import copy_project, mkdocs_build
from lessonkit.serve import pages_server


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
