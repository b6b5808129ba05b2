"""Every built page: deterministic, self-contained (nothing from another host), free of tracebacks."""

import re
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import LESSONS, ROOT, mkdocs_build

# Every attribute through which a page loads something: scripts, styles, images, fonts, preconnects.
LOADING_ATTRIBUTES = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "object": ["data"],
    "embed": ["src"],
}
# <link> values that are navigation, not loading (the canonical address may name the hosted site).
NAVIGATION_RELS = {"canonical", "alternate", "prev", "next"}
# Inline scripts and styles load too: import("https://..."), from "//...", @import, url(https://...).
INLINE_LOAD = re.compile(
    r"""(?:\bimport\s*\(?|\bfrom\s+|@import\s+(?:url\()?|\burl\()\s*["'`]?((?:https?:)?//[^"'`)\s;]+)"""
)


def built_pages(site):
    return sorted(site.rglob("*.html"))


def external_loads(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(LOADING_ATTRIBUTES):
        if tag.name == "link" and NAVIGATION_RELS & set(tag.get("rel", [])):
            continue
        for attribute in LOADING_ATTRIBUTES[tag.name]:
            for url in tag.get(attribute, "").replace(",", " ").split():
                if urlparse(url).netloc or url.startswith("//"):
                    found.append(f"<{tag.name} {attribute}={url}>")
    for tag in soup.find_all(["script", "style"]):
        found += [f"<{tag.name}>{url}</{tag.name}>" for url in INLINE_LOAD.findall(tag.string or "")]
    return found


def test_two_builds_give_identical_pages_and_notebook(built_site, tmp_path):
    result = mkdocs_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = [page.relative_to(built_site) for page in [*built_pages(built_site), *built_site.rglob("*.ipynb")]]
    notebooks = {lesson.notebook.replace(".ipynb", "/") + lesson.notebook.rsplit("/", 1)[-1] for lesson in LESSONS}
    assert notebooks <= set(map(str, pages)), "a lesson's notebook is missing from the site"
    for page in pages:
        assert (tmp_path / "site" / page).read_text() == (built_site / page).read_text(), page


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = {
        str(page.relative_to(built_site)): loads
        for page in built_pages(built_site)
        if (loads := external_loads(page.read_text()))
    }
    assert offenders == {}


def test_no_stylesheet_imports_from_another_host(built_site):
    for stylesheet in built_site.rglob("*.css"):
        text = stylesheet.read_text()
        assert "url(http" not in text.replace('"', "").replace("'", ""), stylesheet
        assert "@import" not in text or "http" not in text, stylesheet


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<script src="https://cdn.example/x.js"></script>', ["<script src=https://cdn.example/x.js>"]),
        ('<link rel="preconnect" href="https://fonts.gstatic.com">', ["<link href=https://fonts.gstatic.com>"]),
        ('<img srcset="a.png 1x, //img.example/b.png 2x">', ["<img srcset=//img.example/b.png>"]),
        ('<link rel="canonical" href="https://site.example/">', []),
        ('<script src="../assets/x.js"></script>', []),
        ('<script>import("https://cdn.example/m.js")</script>', ["<script>https://cdn.example/m.js</script>"]),
        ("<style>@import url(//fonts.example/f.css);</style>", ["<style>//fonts.example/f.css</style>"]),
        ('<script type="module">import m from "//cdn.example/m.js"</script>', ["<script>//cdn.example/m.js</script>"]),
        ("<style>.a{background:url(\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>\")}</style>", []),
        ('<script>var base = new URL("../..", location)</script>', []),
    ],
)
def test_the_external_load_check_catches_what_it_should(html, expected):
    assert external_loads(html) == expected


def test_no_page_contains_a_python_traceback(built_site):
    for page in built_pages(built_site):
        assert "Traceback (most recent call last)" not in page.read_text(), page
