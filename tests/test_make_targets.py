"""The make targets run what the README says: `make test LESSON=<folder>` is that lesson's tests plus every
site-wide and machinery test (what a CI matrix shards on); `make test` is every test."""

import subprocess
from pathlib import Path

import pytest

from conftest import LESSONS

ROOT = Path(__file__).parent.parent


def pytest_line(*arguments: str) -> str:
    """The pytest command `make` would run (a dry run: nothing is installed, built or tested)."""
    result = subprocess.run(["make", "-n", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if " -m pytest" in line)


@pytest.mark.parametrize("lesson", [lesson.folder for lesson in LESSONS])
def test_make_test_for_one_lesson_runs_its_tests_and_the_machinerys(lesson):
    line = pytest_line("test", f"LESSON={lesson}")
    assert f"tests/{lesson}" in line.split()
    machinery = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "tests").glob("test_*.py"))
    assert [word for word in line.split() if word in machinery] == machinery


def test_make_test_runs_every_test():
    line = pytest_line("test")
    assert not [word for word in line.split() if word.startswith("tests/")], line  # pyproject's testpaths: all
