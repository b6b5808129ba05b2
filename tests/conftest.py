"""Fixtures shared by the tests: the built site, scratch copies (of the project or of the fixture lesson)."""

import http.server
import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from lessonkit import execution, pages, project, serve
from lessonkit.pages import PROJECT_FILES, lessons  # noqa: F401 - PROJECT_FILES: the tests' name for it

ROOT = Path(__file__).parent.parent
# What the site holds: tests parametrize over it. `make test LESSON=<folder>` (LESSON in the environment)
# narrows it to that lesson, what a CI matrix shards on.
LESSONS = [lesson for lesson in lessons() if os.environ.get("LESSON", lesson.folder) == lesson.folder]


def selected(src_uri: str) -> bool:
    """Is this page one of the lessons under test (or a page of no lesson, e.g. the home page)?"""
    folder = src_uri.rpartition("/")[0]
    return not folder or any(lesson.folder == folder for lesson in LESSONS)


FIXTURE = project.FIXTURE  # the machinery tests' tiny lesson (tests/fixture_site/)
# Its folder under docs/ (the one page there that declares `lesson:`), e.g. for its URLs.
FIXTURE_LESSON = next(
    path.parent.name
    for path in sorted((FIXTURE / "docs").glob("*/index.md"))
    if pages.front_matter(path.read_text(encoding="utf-8"))[1].get("lesson")
)


def first_code_line(project_dir: Path, include: str) -> tuple[str, int]:
    """Where an include line's code starts: (snippets/... path, 1-based line), for injecting a fault there."""
    path, _, section = include.partition(":")
    lines = (project_dir / "snippets" / path).read_text(encoding="utf-8").splitlines()
    start = next((i + 1 for i, line in enumerate(lines) if f"[start:{section}]" in line), 0) if section else 0
    return f"snippets/{path}", start + 1


def pytest_collection_modifyitems(items):
    """Tests that read the built site are marked `site`, those that build a scratch copy `build`."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)
        if {"scratch_project", "fixture_project"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


def lesson_params(select=lambda lesson: lesson):
    """pytest params, one per lesson (id: its folder), of whatever `select` takes from it."""
    return [pytest.param(select(lesson), id=lesson.folder) for lesson in LESSONS]


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build` as an author runs it (no --strict), output and errors in one string; `env` added."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=240,  # below the test's own limit: a stalled build fails here, with its output
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built once per test run from the working tree, shared by every pytest-xdist worker."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # each worker has its own basetemp, inside the run's: share that one
    with FileLock(shared / "site.lock"):
        site = shared / "site"
        if not (shared / "site.built").is_file():
            # The cache folder is fresh, so nothing is reused: it records each page's outputs as built,
            # which tests/test_pages_run.py compares with a run of each page through the runner.
            result = mkdocs_build(ROOT, site, LESSON_CACHE=str(shared / "site-cache"))
            assert result.returncode == 0, result.stderr
            (shared / "site.built").touch()
    return site


def copy_project(target: Path, lessons: Path | None = None) -> Path:
    """A copy of the project's sources in `target` (with `lessons`: the fixture lesson's instead of the real ones)."""
    return project.copy_project(target, lessons)


@pytest.fixture
def scratch_project(tmp_path: Path) -> Path:
    """A copy of the project's sources, for injecting a fault and building it."""
    return copy_project(tmp_path)


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    """The project with the fixture lesson (tests/fixture_site/) in place of the real ones: builds in seconds."""
    return copy_project(tmp_path / "project", FIXTURE)


def run_lesson(src_uri: str) -> tuple[dict, dict[str, str]]:
    """A page's blocks run as the build runs them: its (first) session's namespace, and what each
    snippet file printed."""
    page = pages.Page(src_uri)
    namespaces, printed = execution.run_page(page)
    by_file: dict[str, str] = {}
    for fence in page.fences:
        stem = fence.includes[0].stem if fence.includes else fence.id
        by_file[stem] = by_file.get(stem, "") + printed[fence.id]
    return next(iter(namespaces.values())), by_file


@pytest.fixture(scope="session")
def served_site(built_site: Path):
    """The built site served over HTTP on 127.0.0.1 and a free port, as Pages serves it; yields its base URL."""
    with serve.pages_server(built_site) as url:
        yield url


class QuietHandler(http.server.SimpleHTTPRequestHandler):  # a plain static server for tests that need one
    def log_message(self, format, *args):
        pass


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. Skips without it, except in CI, where it must exist."""
    if not CHROMIUM.exists():
        message = f"no browser at {CHROMIUM}: install it with `apt-get install -y chromium`"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run the browser tests; .ci/run installs it)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served_site):
    """A fresh browser page (own storage) whose relative gotos resolve against the served site."""
    context = browser.new_context(base_url=served_site)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(autouse=True)
def leaves_no_state():
    """What a test (or a snippet it runs) changes in this process is put back: sys.path, the working
    directory, the snippet modules it imported, torch's RNG. So the suite passes in any order."""
    path, cwd, modules = list(sys.path), os.getcwd(), set(sys.modules)
    torch_rng = sys.modules["torch"].get_rng_state() if "torch" in sys.modules else None
    yield
    sys.path[:] = path
    os.chdir(cwd)
    for name in set(sys.modules) - modules:
        module_file = getattr(sys.modules[name], "__file__", None) or ""
        if name.startswith("lesson_block_") or module_file.startswith(str(pages.snippets())):
            del sys.modules[name]  # the next test imports its own copy of a snippet module
    if torch_rng is not None:
        sys.modules["torch"].set_rng_state(torch_rng)
