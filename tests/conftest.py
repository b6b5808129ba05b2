"""Fixtures shared by the tests: the built site, the lesson's snippets run as the page runs them."""

import contextlib
import io
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PROJECT_FILES = ["mkdocs.yml", "docs", "snippets", "hooks"]


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build` as an author runs it (no --strict), output and errors in one string."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site built from the working tree into site/, as `make build` does."""
    result = mkdocs_build(ROOT, ROOT / "site")
    assert result.returncode == 0, result.stderr
    return ROOT / "site"


@pytest.fixture
def scratch_project(tmp_path: Path) -> Path:
    """A copy of the project's sources, for injecting a fault and building it."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def run_snippets(directory: Path, names: list[str]) -> tuple[dict, dict[str, str]]:
    """Run snippet files in order in one namespace, as a page's session does; keep what each printed."""
    namespace: dict = {}
    printed: dict[str, str] = {}
    for name in names:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            namespace = runpy.run_path(str(directory / f"{name}.py"), init_globals=namespace, run_name="page")
        printed[name] = buffer.getvalue()
    return namespace, printed
