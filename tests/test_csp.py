"""Every page declares what it may load (hooks/csp.py), and nothing the site does breaks that policy.

The browser tests listen for `securitypolicyviolation` in every document of the context, so a violation
anywhere (a page, a swap by instant navigation, a click) is reported with its page and directive.
"""

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from serving import hosted_build, pages_server

from conftest import FIXTURE, FIXTURE_LESSON
from lessonkit import serve
from lessonkit.csp import inline_script_hashes

# The browser walk runs on the fixture lesson (tests/fixture_site/): the policy is the machinery's.
LESSON_URL = FIXTURE_LESSON + "/"
PRACTICE_URL = FIXTURE_LESSON + "/practice/"
NOTEBOOK_NAME = f"{FIXTURE_LESSON}-lesson"  # the generated notebook's page (lessonkit.pages.Lesson.notebook)
NOTEBOOK_URL = f"{FIXTURE_LESSON}/{NOTEBOOK_NAME}/"
LISTENER = """document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(
  `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "?"} ${e.sample || ""}`.trim()), true);"""


def policy_of(html: str) -> str:
    meta = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"] if meta else ""


def script_sources(policy: str) -> list[str]:
    directive = next(part for part in policy.split(";") if part.split()[0] == "script-src")
    return directive.split()[1:]


# -- The policy as built (no browser) ------------------------------------------------------------------


def test_every_page_carries_the_policy_before_any_script(built_site):
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text()
        head = html[: html.index("</head>")]
        assert head.find('http-equiv="Content-Security-Policy"') < head.find("<script"), page
        policy = policy_of(html)
        assert policy.startswith("default-src 'self'; "), page
        assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in script_sources(policy), page


def test_the_policy_lists_the_hash_of_every_inline_script_of_every_page(built_site):
    pages = sorted(built_site.rglob("*.html"))
    every_hash = set().union(*(inline_script_hashes(page.read_text()) for page in pages))
    assert len(every_hash) >= 4  # Material's own bootstraps at least
    for page in pages:
        assert set(script_sources(policy_of(page.read_text()))) == {"'self'", "'report-sample'"} | every_hash, page


def test_json_script_blocks_are_not_hashed():
    html = '<script id="__config" type="application/json">{"a": 1}</script><script>run()</script>'
    assert len(inline_script_hashes(html)) == 1


# -- In the browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def csp_site(tmp_path_factory):
    """The fixture site (code executed) built for the address it is served at: navigation.instant only
    runs where the page's origin is the one in site_url."""
    with hosted_build(tmp_path_factory.mktemp("csp"), "/", FIXTURE) as hosted:
        yield hosted


@pytest.fixture
def watched(browser, csp_site):
    """A page whose every document reports CSP violations into the list `page.violations`."""
    url, _ = csp_site
    context = browser.new_context(base_url=url, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    violations: list[str] = []
    context.expose_function("__cspViolation", lambda text: violations.append(text))
    context.add_init_script(LISTENER)
    tab = context.new_page()
    tab.violations = violations
    yield tab
    context.close()


def settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)  # a violation event is dispatched as a task after the blocked load


@pytest.mark.browser
@pytest.mark.build
def test_no_page_and_no_interaction_violates_the_policy(watched, csp_site):
    page = watched
    _, site = csp_site
    paths = [p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("*.html"))]
    for path in paths:
        page.goto(path)
        settle(page)
    used = []

    # the quiz: choose an answer and check it
    page.goto(PRACTICE_URL)
    quiz = page.locator("section.quiz").first
    quiz.locator(".quiz-options label").first.click()
    quiz.locator(".quiz-check").click()
    assert quiz.locator(".quiz-feedback").inner_text().strip()
    used.append("quiz")

    # the palette toggle, both ways
    page.locator("label[title='Switch to dark mode']:visible").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.locator("label[title='Switch to light mode']:visible").click()
    used.append("palette")

    # instant navigation: a nav link swaps the content in without a new document
    page.evaluate("window.__sameDocument = true")
    page.locator(f".md-sidebar--primary a.md-nav__link[href$='{LESSON_URL}']").first.click()
    page.wait_for_url(f"**/{LESSON_URL}")
    assert page.evaluate("window.__sameDocument === true"), "navigation.instant did not run"
    settle(page)
    used.append("instant navigation")

    # content tabs: show a block's Source
    page.locator(".tabbed-labels label:has-text('Source')").first.click()
    used.append("content tabs")

    # a copy button
    block = page.locator("article pre:visible").first
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    used.append("copy button")

    # the notebook page (instant navigation again) and its download
    page.locator(f".md-sidebar--primary a.md-nav__link[href$='{NOTEBOOK_NAME}/']").first.click()
    page.wait_for_url(f"**/{NOTEBOOK_URL}")
    settle(page)
    with page.expect_download() as download:
        page.locator("a.lesson-download[download]").click()
    assert download.value.suggested_filename.endswith(".ipynb")
    used.append("notebook download")
    settle(page)

    assert page.violations == [], used


@pytest.mark.browser
@pytest.mark.build
def test_the_browser_blocks_a_script_from_another_host_and_an_unhashed_inline_script(watched, csp_site, tmp_path):
    _, built = csp_site
    site = shutil.copytree(built, tmp_path / "site")
    lesson = site / FIXTURE_LESSON / "index.html"
    faults = '<script src="http://example.invalid/x.js"></script><script>window.__unhashed = 1</script>'
    lesson.write_text(lesson.read_text().replace("</article>", faults + "</article>", 1))
    page = watched
    with pages_server(site) as url:
        page.goto(url + LESSON_URL)
        settle(page)
        assert page.evaluate("window.__unhashed") is None
    assert page.violations == [
        f"/{LESSON_URL}: script-src-elem blocked http://example.invalid/x.js",
        f"/{LESSON_URL}: script-src-elem blocked inline window.__unhashed = 1",
    ]


@pytest.mark.browser
@pytest.mark.build
def test_make_serve_live_reload_runs_under_the_serving_policy(browser, fixture_project):
    with serve.serving(fixture_project) as server:
        context = browser.new_context()
        violations: list[str] = []
        context.expose_function("__cspViolation", lambda text: violations.append(text))
        context.add_init_script(LISTENER)
        page = context.new_page()
        with page.expect_request(re.compile(r"/livereload/\d+/\d+")):  # the injected script polls
            page.goto(server.url + LESSON_URL)
        page.wait_for_timeout(500)  # not networkidle: the live-reload poll stays open
        assert "'unsafe-inline'" in script_sources(policy_of(page.content()))
        assert violations == []
        context.close()
