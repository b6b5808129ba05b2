"""Hosted under /REPO/ as GitHub Pages hosts a project site, every page's links and assets load, the
404 page works at any depth, and the canonical links and the sitemap carry the prefix."""

import json
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from serving import hosted_build

from conftest import FIXTURE, FIXTURE_LESSON

pytestmark = pytest.mark.build
PREFIX = "/some-repo/"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """A scratch copy of the fixture lesson built with SITE_URL at the prefix and served there, as the CI
    deploy builds it (the theme's links do not depend on the lessons; tests/test_links.py checks theirs)."""
    # Code execution off (MARKDOWN_EXEC=false, which also leaves the notebook unrun): running the blocks
    # changes what they print, not the theme's asset links, the navigation, canonical links or the
    # sitemap that this test checks, and it saves the build most of its time.
    with hosted_build(tmp_path_factory.mktemp("subpath"), PREFIX, FIXTURE, MARKDOWN_EXEC="false") as hosted:
        yield hosted


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def same_host_urls(page_url: str, html: str) -> set[str]:
    """Every href and src on the page, and the search index and worker the theme's config names,
    resolved against the page's address; links to other hosts are left out."""
    soup = BeautifulSoup(html, "html.parser")
    urls = {tag.get("href") or tag.get("src") for tag in soup.find_all(href=True) + soup.find_all(src=True)}
    config = json.loads(soup.find(id="__config").string)
    base = urljoin(page_url, config["base"].rstrip("/") + "/")
    resolved = {urljoin(page_url, url).split("#")[0] for url in urls} | {
        urljoin(base, "search/search_index.json"),
        urljoin(page_url, config["search"]),
    }
    host = urlsplit(page_url).netloc
    return {url for url in resolved if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc == host}


def page_urls(url: str, site) -> list[str]:
    return [url + page.relative_to(site).as_posix().removesuffix("index.html") for page in sorted(site.rglob("*.html"))]


def test_every_page_loads_its_links_and_assets_under_the_prefix(hosted):
    url, site = hosted
    broken = {}
    for page in page_urls(url, site):
        code, html = fetch(page)
        assert code == 200, page
        failing = {link: code for link in sorted(same_host_urls(page, html)) if (code := status(link)) != 200}
        if failing:
            broken[page] = failing
    assert broken == {}


def test_the_404_page_at_a_deep_missing_path_loads_all_its_assets(hosted):
    url, _ = hosted
    missing = url + "a/b/c"
    code, html = fetch(missing)
    assert code == 404 and "<title>" in html
    urls = same_host_urls(missing, html)
    assert any(link.endswith(".css") for link in urls) and any(link.endswith(".js") for link in urls), urls
    assert {link: code for link in sorted(urls) if (code := status(link)) != 200} == {}


def test_canonical_links_and_the_sitemap_use_the_prefix(hosted):
    url, site = hosted
    canonical = {}
    for page in page_urls(url, site):
        if page.endswith("404.html"):
            continue
        link = BeautifulSoup(fetch(page)[1], "html.parser").find("link", rel="canonical")
        canonical[page] = link and link["href"]
    assert canonical == {page: page for page in canonical}
    code, sitemap = fetch(url + "sitemap.xml")
    assert code == 200
    locations = [
        loc.text for loc in ElementTree.fromstring(sitemap).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert sorted(locations) == sorted(canonical), locations
    assert {loc: code for loc in locations if (code := status(loc)) != 200} == {}


def test_the_server_answers_like_pages(hosted):
    url, _ = hosted
    assert status(url + f"{FIXTURE_LESSON}/") == 200
    assert status(url + FIXTURE_LESSON) == 200  # redirected to its address with a slash
    assert status(url + "no-such-page/") == 404
    assert status(url.removesuffix(PREFIX) + f"/{FIXTURE_LESSON}/") == 404  # outside the prefix
