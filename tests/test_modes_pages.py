"""The modes' pages as built: one of each per lesson, each says what it is for, each page's title and
footer labels name its lesson, and every page stays light on a phone."""

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LESSONS, lesson_params
from lessonkit import modes

MAX_PAGE_KB = 120  # gzip, the page with every stylesheet, script and image it loads


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def every_page(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("lesson", lesson_params())
def test_each_lesson_has_its_flashcards_and_cheat_sheet_in_its_navigation(built_site, lesson):
    for mode in modes.GENERATED:
        page = soup(built_site, f"{lesson.folder}/{mode}/index.html")
        assert page.select_one(f".mode-purpose[data-mode='{mode}']"), mode
        assert f"{modes.MODES[mode][0]}: {lesson.nav}" in page.title.get_text()


@pytest.mark.parametrize("lesson", lesson_params())
def test_each_mode_page_says_in_one_line_what_it_is_for(built_site, lesson):
    pages = {"learn": lesson.page, "practice": lesson.practice, "test": lesson.test}
    for mode, source in pages.items():
        if source is None:
            continue
        html = soup(built_site, source.src_uri.removesuffix(".md").removesuffix("index") + "/index.html")
        line = html.select_one(f".mode-purpose[data-mode='{mode}']")
        assert line is not None and modes.purpose(mode) in line.get_text(), source.src_uri


def test_every_page_title_is_unique_and_a_lesson_page_names_its_lesson(built_site):
    titles = {}
    for path in every_page(built_site):
        if path.name == "404.html":
            continue
        title = soup(built_site, path.relative_to(built_site).as_posix()).title.get_text()
        titles.setdefault(title, []).append(path.relative_to(built_site).as_posix())
        folder = path.relative_to(built_site).parts[0]
        lesson = next((lesson for lesson in LESSONS if lesson.folder == folder), None)
        if lesson is not None:
            assert f": {lesson.nav} - " in title, f"{path}: {title!r} does not name its lesson"
    assert {title: paths for title, paths in titles.items() if len(paths) > 1} == {}


def test_every_footer_link_names_the_page_it_leads_to_with_its_lesson(built_site):
    labels = {}
    for path in every_page(built_site):
        html = soup(built_site, path.relative_to(built_site).as_posix())
        for link in html.select(".md-footer__link"):
            target = (path.parent / link["href"]).resolve()
            target = target / "index.html" if target.is_dir() else target
            title = soup(built_site, target.relative_to(built_site.resolve()).as_posix()).title.get_text()
            label = link.select_one(".md-ellipsis").get_text().strip()
            if target == (built_site / "index.html").resolve():
                title = "Home"  # the home page's tab title is the site's name
            assert title.startswith(label), f"{path}: footer link says {label!r}, its page is {title!r}"
            labels.setdefault(target, set()).add(label)
    assert all(len(found) == 1 for found in labels.values())


def test_the_review_page_holds_every_question_of_every_lesson(built_site):
    page = soup(built_site, "review/index.html")
    keys = [section["data-question-key"] for section in page.select(".review-questions section.quiz")]
    assert keys == [s.key for lesson in LESSONS for s in modes.questions(lesson)]
    assert len(set(keys)) == len(keys)


def test_the_mixed_quiz_interleaves_questions_from_each_lesson(built_site):
    page = soup(built_site, "mixed/index.html")
    keys = [section["data-question-key"] for section in page.select("section.quiz")]
    assert keys == [s.key for s in modes.mixed_sources(LESSONS)]
    assert {key.split("/")[0] for key in keys} == {lesson.folder for lesson in LESSONS}


def test_a_verify_runs_question_on_a_generated_page_carries_its_real_error(built_site):
    for path in ["review/index.html", "mixed/index.html"]:
        assert "@@" not in (built_site / path).read_text(encoding="utf-8"), path


LOADED = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"')
HEADERS = 200  # bytes of HTTP headers per response, as Lighthouse's transfer size counts them


def _weight(site: Path, page: Path) -> int:
    """gzip bytes of a page and of every local file it loads: stylesheets, scripts, images, its icon,
    and the sitemap the theme's instant navigation fetches; plus each response's headers."""
    text = page.read_text(encoding="utf-8")
    total = len(gzip.compress(text.encode(), 9)) + HEADERS
    refs = set(LOADED.findall(text))
    files = [(page.parent / ref.split("?")[0].split("#")[0]).resolve() for ref in refs if ":" not in ref]
    files.append(site / "sitemap.xml")
    for file in files:
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), 9)) + HEADERS
    return total


def heavy_pages(site: Path, notebooks: bool) -> dict[str, float]:
    found = {}
    notebook_pages = {f"{Path(lesson.notebook).with_suffix('').as_posix()}/index.html" for lesson in LESSONS}
    for page in every_page(site):
        path = page.relative_to(site).as_posix()
        is_notebook = path in notebook_pages
        kb = _weight(site, page) / 1024
        if is_notebook == notebooks and kb > MAX_PAGE_KB:
            found[path] = round(kb, 1)
    return found


def test_every_page_weighs_at_most_120_kb_gzip_with_its_assets(built_site):
    assert heavy_pages(built_site, notebooks=False) == {}


@pytest.mark.xfail(
    strict=False,
    reason="known: a notebook page inlines its plots as PNG and highlights every token; the longest is over 120 KB",
)
def test_every_notebook_page_weighs_at_most_120_kb_gzip_with_its_assets(built_site):
    assert heavy_pages(built_site, notebooks=True) == {}


def test_no_page_fetches_a_search_index(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
