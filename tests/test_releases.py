"""Verified on two releases: the record is read back as written, a stale record is a note on the page, blocks
that print differently are shown side by side, and a verified answer that fails on a release fails the target.

Small fixture lessons in a scratch copy, never the site's own lessons (their record goes stale as they change).
"""

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from conftest import LESSONS, ROOT, QuietHandler, copy_project, lesson_params, mkdocs_build
from lessonkit import pages, releases

LESSON = """---
lesson: {{order: {order}, nav: {title}}}
---

# {title} lesson

## Shapes

```python exec="on" source="tabbed-right" session="{name}-index" id="shape"
--8<-- "{name}/index/shape.py"
```
"""
SHAPE = "import torch\n\nprint(tuple(torch.zeros(2, 3).shape))\n"
PRACTICE = """# Practice

```quiz
id: zeros-shape
difficulty: easy
kind: verified
verify: value
evidence: {name}/practice/zeros_shape.py
question: What shape does `torch.zeros(2, 3)` have?
options: {{A: "`(2, 3)`", B: "`(3, 2)`"}}
answer: A
why_not: {{B: Rows come first.}}
teaches: shapes
steps: [{{title: Read it, text: Two rows of three.}}]
quick_check: Count the rows.
hint: Rows first.
mistakes: [Reading columns first.]
```
"""
EVIDENCE = "import torch\n\nanswer = str(tuple(torch.zeros(2, 3).shape))\nprint(answer)\n"


def fixture_project(target: Path, names: list[str]) -> Path:
    """A scratch copy of the project whose only lessons are tiny fixtures, one per name."""
    copy_project(target)
    (target / releases.RECORD).unlink()  # each test writes the record it needs
    for lesson in pages.lessons():
        shutil.rmtree(target / "docs" / lesson.folder)
        shutil.rmtree(target / "snippets" / lesson.folder, ignore_errors=True)
    for order, name in enumerate(names, start=1):
        (target / "docs" / name).mkdir(parents=True)
        (target / "docs" / name / "index.md").write_text(LESSON.format(order=order, title=name.title(), name=name))
        (target / "snippets" / name / "index").mkdir(parents=True)
        (target / "snippets" / name / "index" / "shape.py").write_text(SHAPE)
    return target


def with_question(project: Path, name: str) -> None:
    (project / "docs" / name / "practice.md").write_text(PRACTICE.format(name=name))
    (project / "snippets" / name / "practice").mkdir(parents=True)
    (project / "snippets" / name / "practice" / "zeros_shape.py").write_text(EVIDENCE)


@contextlib.contextmanager
def project(root: Path):
    """lessonkit reads this copy's pages and snippets for the duration."""
    pages.use_project(root)
    try:
        yield {lesson.folder: lesson for lesson in pages.lessons()}
    finally:
        pages.use_project(ROOT)


def run_target(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lessonkit.releases", *args, "--root", str(root)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_the_record_reads_back_as_written_whatever_the_outputs_hold():
    awkward = 'a "quoted" line\n```\nback\\slash, tab\t, ünïcode ×\n'
    record = {
        "build": "2.13.0",
        "releases": ["2.13.0", "2.14.1"],
        "lessons": {
            "x": {
                "hash": "abc",
                "verified": ["2.13.0", "2.14.1"],
                "answers": 1,
                "compared": 3,
                "differs": [{"block": "x/index.md#b", "2.13.0": awkward, "2.14.1": "1.0\n"}],
            }
        },
    }
    assert tomllib.loads(releases.dumps(record)) == record


def test_a_lesson_whose_code_changed_after_its_record_is_stale(tmp_path):
    root = fixture_project(tmp_path, ["alpha"])
    with project(root) as lessons:
        record = {
            "lessons": {"alpha": {"hash": releases.lesson_hash(lessons["alpha"]), "verified": ["2.13.0", "2.14.1"]}}
        }
        assert releases.status(record, lessons["alpha"], "2.13.0+cpu")["fresh"]
        prose = root / "docs" / "alpha" / "index.md"
        prose.write_text(prose.read_text() + "\nMore prose only.\n")
        assert releases.status(record, lessons["alpha"], "2.13.0+cpu")["fresh"], "a prose edit made it stale"
        shape = root / "snippets" / "alpha" / "index" / "shape.py"
        shape.write_text(shape.read_text().replace("2, 3", "4, 3"))
        state = releases.status(record, lessons["alpha"], "2.13.0+cpu")
    assert not state["fresh"] and state["releases"] == ["2.13.0"]
    assert "stale" in releases.sentence(state) and "2.14.1" not in releases.sentence(state)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    """Two fixture lessons built with a record: alpha's is fresh with a block that printed differently, beta's
    is stale (its code changed after the record was written)."""
    root = fixture_project(tmp_path_factory.mktemp("releases"), ["alpha", "beta"])
    with project(root) as lessons:
        hashes = {name: releases.lesson_hash(lesson) for name, lesson in lessons.items()}
    differs = [{"block": "alpha/index.md#shape", "2.13.0": "(2, 3)\n", "2.14.1": "torch.Size([2, 3])\n"}]
    record = {
        "build": "2.13.0",
        "releases": ["2.13.0", "2.14.1"],
        "lessons": {
            "alpha": {
                "hash": hashes["alpha"],
                "verified": ["2.13.0", "2.14.1"],
                "answers": 0,
                "compared": 2,
                "differs": differs,
            },
            "beta": {"hash": "0" * 16, "verified": ["2.13.0", "2.14.1"], "answers": 0, "compared": 2, "differs": []},
        },
    }
    (root / releases.RECORD).write_text(releases.dumps(record))
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "html.parser")


@pytest.mark.build
def test_a_fresh_lesson_names_both_releases_and_links_its_differing_block(fixture_site):
    page = soup(fixture_site / "alpha" / "index.html")
    line = page.select_one("p.lesson-releases")
    assert line is not None and "Answers verified on torch 2.13.0 and 2.14.1." in line.get_text(), line
    assert line.find("a")["href"] == "../releases/#alpha"
    note = [a["href"] for a in page.select("article a") if "alpha-index-shape" in a.get("href", "")]
    assert note == ["../releases/#alpha-index-shape"], "the differing block does not link to both outputs"


@pytest.mark.build
def test_the_side_by_side_page_shows_both_outputs_of_a_differing_block(fixture_site):
    page = soup(fixture_site / "releases" / "index.html")
    heading = page.find(id="alpha-index-shape")
    assert heading is not None, "no section for alpha's differing block"
    pair = heading.find_next("div", class_="grid")
    assert len(pair.find_all("div", recursive=False)) == 2, "not one column per release"
    shown = [" ".join(pre.get_text().split()) for pre in pair.find_all("pre")]
    assert shown == ["(2, 3)", "torch.Size([2, 3])"]
    assert [p.get_text() for p in pair.find_all("p")] == ["torch 2.13.0", "torch 2.14.1"]


@pytest.mark.build
def test_a_stale_lesson_says_only_the_build_release_and_that_its_record_is_stale(fixture_site):
    line = soup(fixture_site / "beta" / "index.html").select_one("p.lesson-releases").get_text()
    assert "Answers verified on torch 2.13.0 (this build)" in line and "stale" in line, line
    assert "2.14.1" not in line
    releases_page = soup(fixture_site / "releases" / "index.html").find(id="beta").find_next("p").get_text()
    assert "stale" in releases_page


@pytest.mark.build
def test_the_notebook_names_the_releases_too(fixture_site):
    notebook = nbformat.read(fixture_site / "alpha" / "alpha-lesson" / "alpha-lesson.ipynb", as_version=4)
    assert "Answers verified on torch 2.13.0 and 2.14.1." in notebook.cells[0].source


@pytest.mark.slow
def test_a_verified_answer_that_fails_on_the_second_release_fails_the_target_naming_it(tmp_path):
    """The second run stands in for a release that computes another shape: its evidence prints (3, 2)."""
    root = fixture_project(tmp_path, ["alpha"])
    with_question(root, "alpha")
    assert run_target(root, "run", "--out", str(tmp_path / "build.json")).returncode == 0
    evidence = root / "snippets" / "alpha" / "practice" / "zeros_shape.py"
    evidence.write_text(EVIDENCE.replace("zeros(2, 3).shape", "zeros(2, 3).T.shape"))
    assert run_target(root, "run", "--out", str(tmp_path / "second.json")).returncode == 0
    second = json.loads((tmp_path / "second.json").read_text())
    (tmp_path / "second.json").write_text(json.dumps({**second, "torch": "2.14.1"}))
    result = run_target(root, "compare", str(tmp_path / "build.json"), str(tmp_path / "second.json"))
    assert result.returncode == 1
    assert "alpha/practice.md: question 1 ('zeros-shape')" in result.stderr, result.stderr
    assert "torch 2.13.0 gives '(2, 3)', torch 2.14.1 gives '(3, 2)'" in result.stderr, result.stderr
    assert not (root / releases.RECORD).exists(), "a record was written although an answer failed"


@pytest.mark.slow
def test_blocks_that_print_differently_are_kept_with_both_outputs(tmp_path):
    """As above, but the second run's block prints another form of the same shape: recorded, not a failure."""
    root = fixture_project(tmp_path, ["alpha"])
    assert run_target(root, "run", "--out", str(tmp_path / "build.json")).returncode == 0
    shape = root / "snippets" / "alpha" / "index" / "shape.py"
    shape.write_text(SHAPE.replace("print(tuple(torch.zeros(2, 3).shape))", "print(torch.zeros(2, 3).shape)"))
    assert run_target(root, "run", "--out", str(tmp_path / "second.json")).returncode == 0
    second = json.loads((tmp_path / "second.json").read_text())
    (tmp_path / "second.json").write_text(json.dumps({**second, "torch": "2.14.1"}))
    result = run_target(root, "compare", str(tmp_path / "build.json"), str(tmp_path / "second.json"))
    assert result.returncode == 0, result.stderr
    differs = tomllib.loads((root / releases.RECORD).read_text())["lessons"]["alpha"]["differs"]
    by_block = {entry["block"]: (entry["2.13.0"], entry["2.14.1"]) for entry in differs}
    assert by_block["alpha/index.md#shape"] == ("(2, 3)\n", "torch.Size([2, 3])\n")
    assert by_block["alpha/alpha-lesson.ipynb#shape"] == ("(2, 3)\n", "torch.Size([2, 3])\n"), "the notebook too"


@pytest.mark.parametrize("lesson", lesson_params())
def test_every_lesson_page_names_the_releases_its_answers_were_verified_on(lesson, built_site):
    for page in releases.lesson_pages(lesson):
        built = built_site / Path(page.src_uri).with_suffix("").as_posix().removesuffix("/index") / "index.html"
        line = soup(built).select_one("p.lesson-releases")
        assert line is not None and line.get_text().startswith("Answers verified on torch"), page.src_uri


def test_the_site_has_lessons():
    assert LESSONS


@pytest.fixture(scope="module")
def served_fixture(fixture_site):
    handler = functools.partial(QuietHandler, directory=str(fixture_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.build
def test_the_side_by_side_page_fits_a_phone_and_passes_axe(browser, served_fixture):
    from a11y import assert_no_axe_violations
    from test_phone_layout import COPY_BUTTON_ON_CODE, PHONE, TOO_WIDE

    context = browser.new_context(base_url=served_fixture, **PHONE)
    phone = context.new_page()
    phone.goto("releases/")
    assert phone.evaluate(TOO_WIDE) == [] and phone.evaluate(COPY_BUTTON_ON_CODE) == []
    context.close()
    context = browser.new_context(base_url=served_fixture)  # axe as tests/test_accessibility.py runs it
    desktop = context.new_page()
    for path in ["releases/", "alpha/"]:
        desktop.goto(path)
        assert_no_axe_violations(desktop)
    context.close()
