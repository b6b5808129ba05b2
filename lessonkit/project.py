"""A scratch copy of the project (what a build reads), for the tests, `make bench` and `make mutate`.

`lessons=` swaps the lesson folders of docs/ and snippets/ for another set (tests/fixture_site/): the
machinery is then built and broken on a tiny lesson in seconds, whatever the real lessons hold.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from lessonkit import pages

FIXTURE = pages.ROOT / "tests" / "fixture_site"  # the machinery tests' lesson (docs/ and snippets/)


def copy_project(target: Path, lessons: Path | None = None, extra: tuple[str, ...] = ()) -> Path:
    """Copy what a build reads (and `extra` names) into `target`; with `lessons`, its docs/ and snippets/
    lesson folders instead of the project's own."""
    root = pages.ROOT
    target.mkdir(parents=True, exist_ok=True)
    skip = {lesson.folder for lesson in pages.lessons()} if lessons else set()
    for name in [*pages.PROJECT_FILES, *extra]:
        source = root / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", *(skip if name in ("docs", "snippets") else ()))
            shutil.copytree(source, target / name, ignore=ignore, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy(source, target / name)
    for name in ("docs", "snippets") if lessons else ():
        shutil.copytree(lessons / name, target / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    return target
