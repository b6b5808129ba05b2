"""No built page links to a missing page, file or anchor, and the 404 page works at any address.

MkDocs' `validation:` settings (mkdocs.yml, strict) check links written in Markdown; this checks the
built HTML, so raw HTML links, the theme's links and links printed by code blocks are covered too.
"""

import functools
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from conftest import mkdocs_build

# Where the site is hosted (SITE_URL, see mkdocs.yml): the 404 page's links start with this path.
SITE_PATH = urlsplit(os.environ.get("SITE_URL", "")).path or "/"


@functools.cache
def anchors(page: Path) -> set[str]:
    """The ids (and old-style <a name>) a page's #fragments can point to."""
    soup = BeautifulSoup(page.read_text(), "html.parser")
    return {tag["id"] for tag in soup.find_all(id=True)} | {
        tag["name"] for tag in soup.find_all("a", attrs={"name": True})
    }


def target_file(site: Path, page: Path, path: str) -> Path | None:
    """The file a link's path names, as a static host serves it (a directory means its index.html)."""
    path = unquote(path)
    target = site / path.removeprefix(SITE_PATH) if path.startswith("/") else page.parent / path
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() and target.is_relative_to(site.resolve()) else None


def broken_links(site: Path) -> list[str]:
    """Every href and src on every page whose file or #anchor does not exist; other hosts are not checked."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for tag in soup.find_all(href=True) + soup.find_all(src=True):
            url = tag.get("href") or tag.get("src")
            link = urlsplit(url)
            if link.scheme or link.netloc:  # another host, mailto:, data:, javascript:
                continue
            target = target_file(site, page, link.path) if link.path else page
            name = page.relative_to(site)
            if target is None:
                broken.append(f"{name}: {url} (no such file)")
            elif link.fragment and target.suffix == ".html" and unquote(link.fragment) not in anchors(target):
                broken.append(f"{name}: {url} (no such anchor)")
    return broken


def test_no_page_links_to_a_missing_page_file_or_anchor(built_site):
    assert broken_links(built_site) == []


def test_the_link_check_fails_on_a_broken_anchor_and_a_missing_page(built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site")
    lesson = site / "rnn" / "index.html"
    faults = '<a href="../#no-such-anchor">x</a> <a href="../no-such-page/">y</a> <a href="#rnn-pipeline">z</a>'
    lesson.write_text(lesson.read_text().replace("</article>", faults + "</article>", 1))
    assert broken_links(site) == [
        "rnn/index.html: ../#no-such-anchor (no such anchor)",
        "rnn/index.html: ../no-such-page/ (no such file)",
        "rnn/index.html: #rnn-pipeline (no such anchor)",
    ]


def test_a_markdown_link_to_a_missing_anchor_fails_the_build(scratch_project, monkeypatch):
    monkeypatch.setenv("MARKDOWN_EXEC", "false")  # the links are checked either way; skip running the code
    with open(scratch_project / "docs" / "index.md", "a") as page:
        page.write("\n[the pipeline](rnn/index.md#no-such-heading)\n")
    result = mkdocs_build(scratch_project, scratch_project / "site")
    assert result.returncode != 0, (
        "docs/index.md: a link to a missing anchor built without error; MkDocs only warns about it, so "
        "mkdocs.yml must keep `strict: true` (and `validation: anchors: warn`)"
    )
    assert (
        "contains a link 'rnn/index.md#no-such-heading', but the doc 'rnn/index.md' does not contain" in result.stderr
    )


def test_the_404_page_links_only_from_the_site_root(built_site):
    # GitHub Pages serves 404.html at any missing address: a relative link would resolve wrongly there.
    soup = BeautifulSoup((built_site / "404.html").read_text(), "html.parser")
    links = [tag.get("href") or tag.get("src") for tag in soup.find_all(href=True) + soup.find_all(src=True)]
    relative = [url for url in links if not urlsplit(url).scheme and not url.startswith(("/", "#"))]
    assert links and relative == []
