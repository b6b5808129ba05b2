"""`make mutate`: apply each regression of tests/mutations/mutations.toml to a scratch copy, one at a time.

For each mutation: copy the project (what a build reads, plus tests/, lessonkit/, pyproject.toml and
Makefile) into a temporary folder, make the one edit, and run the tests the mutation names, most
likely catcher first, stopping at the first failure. The scratch copy's lessonkit/ comes first on
PYTHONPATH, so the tests and the build's hooks import the mutated package, not the installed one.
Prints a table (mutation, caught or survived, by which test) and, with --write, saves it as Markdown.

    python tests/mutations/run.py [--only NAME ...] [--jobs N] [--no-baseline] [--write MUTATIONS.md]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from lessonkit.pages import PROJECT_FILES  # noqa: E402 - the project's own list of what a build reads

COPIED = [*PROJECT_FILES, "tests", "lessonkit", "pyproject.toml", "Makefile"]
RUN_LIMIT = 900  # seconds for one mutation's tests (a build, and browser tests, under load)
SUMMARY = re.compile(r"^(FAILED|ERROR) (\S+)(?: - (.*))?$", re.M)
BUILD_ERROR = re.compile(r"^E?\s*(?:ERROR|Error)\b[^\n]*?-\s+(.+)$", re.M)


@dataclass
class Outcome:
    name: str
    kind: str
    reason: str
    result: str  # caught, survived, stale (its old text is gone), error
    test: str = ""
    message: str = ""
    seconds: float = 0.0


def scratch_copy(where: Path) -> Path:
    project = where / "project"
    project.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=ignore)
        elif source.exists():
            shutil.copy(source, project / name)
    return project


def run_tests(project: Path, tests: list[str]) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "1000"}  # whole messages
    env.pop("PYTEST_ADDOPTS", None)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--basetemp={project.parent / 'pytest'}",
        *tests,
    ]
    try:
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=RUN_LIMIT)
    except subprocess.TimeoutExpired as error:
        return -1, f"tests ran past {RUN_LIMIT} s\n{error.stdout or ''}"
    return done.returncode, done.stdout + done.stderr


def first_failure(output: str) -> tuple[str, str]:
    """The first failing test and its message; for a failed build, the build's own error line."""
    match = SUMMARY.search(output)
    if not match:
        return "", output.strip().splitlines()[-1] if output.strip() else ""
    test, message = match[2], (match[3] or "").strip()
    if match[1] == "ERROR" or "returncode" in message or not message:
        build = BUILD_ERROR.search(output)
        if build:
            message = "build failed: " + build[1].strip()
    return test.split("::", 1)[-1], message


def mutate(mutation: dict) -> Outcome:
    outcome = Outcome(mutation["name"], mutation["kind"], mutation["reason"], "error")
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"mutate-{mutation['name']}-") as where:
        project = scratch_copy(Path(where))
        path = project / mutation["file"]
        text = path.read_text(encoding="utf-8")
        if text.count(mutation["old"]) != 1:
            outcome.result = "stale"
            outcome.message = (
                f"its old text occurs {text.count(mutation['old'])} times in {mutation['file']}: update the mutation"
            )
            return outcome
        path.write_text(text.replace(mutation["old"], mutation["new"]), encoding="utf-8")
        code, output = run_tests(project, mutation["tests"])
    outcome.seconds = time.monotonic() - start
    if code == 0:
        outcome.result = "survived"
        outcome.test = ", ".join(t.split("::")[-1] for t in mutation["tests"])
    elif code == 1 or (code == 2 and SUMMARY.search(output)):  # 2: the tests' module failed to collect
        outcome.result = "caught"
        outcome.test, outcome.message = first_failure(output)
        if code == 2:
            outcome.test = f"collecting {outcome.test}"
    elif code == -1:
        outcome.test, outcome.message = first_failure(output)
    else:
        outcome.message = f"pytest exited {code}: " + " ".join(output.strip().splitlines()[-3:])
    return outcome


def baseline(mutations: list[dict]) -> tuple[int, str]:
    """Every named test passes on the unchanged copy: else a 'caught' would mean nothing."""
    tests = list(dict.fromkeys(t.split("[")[0] for m in mutations for t in m["tests"]))
    with tempfile.TemporaryDirectory(prefix="mutate-baseline-") as where:
        return run_tests(scratch_copy(Path(where)), tests)


def cell(text: str, width: int = 160) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def table(outcomes: list[Outcome]) -> str:
    lines = ["| # | Mutation | Kind | Result | Caught by | Message |", "|---:|---|---|---|---|---|"]
    for number, o in enumerate(outcomes, start=1):
        result = f"**{o.result}**" if o.result != "caught" else "caught"
        mutation = f"`{o.name}`: {cell(o.reason, 100)}"
        lines.append(f"| {number} | {mutation} | {o.kind} | {result} | `{cell(o.test, 120)}` | {cell(o.message)} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only these mutations (by name)")
    parser.add_argument("--jobs", type=int, default=1, help="mutations run at once (each builds the site)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the check that the tests pass unchanged")
    parser.add_argument("--write", type=Path, help="also write the report (Markdown) to this file")
    args = parser.parse_args()
    mutations = tomllib.loads((Path(__file__).with_name("mutations.toml")).read_text(encoding="utf-8"))["mutation"]
    if args.only:
        mutations = [m for m in mutations if m["name"] in args.only]
    started = time.monotonic()
    if not args.no_baseline:
        code, output = baseline(mutations)
        if code != 0:
            print(f"The named tests fail on the unchanged project (pytest exited {code}); fix that first:")
            print(output[-4000:])
            return 2
        print("baseline: every named test passes on the unchanged project", flush=True)
    outcomes = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for outcome in pool.map(mutate, mutations):
            print(
                f"{outcome.result:9} {outcome.name} ({outcome.seconds:.0f} s) {outcome.test} {outcome.message[:120]}",
                flush=True,
            )
            outcomes.append(outcome)
    caught = sum(o.result == "caught" for o in outcomes)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=30
    ).stdout.strip()
    report = (
        "# Mutation run\n\n"
        "`make mutate` (tests/mutations/run.py) applies each regression of tests/mutations/mutations.toml, one at a\n"
        "time, to a scratch copy of the project and runs the tests it names until one fails. Its last output:\n\n"
        f"**{caught} of {len(outcomes)} mutations caught** (commit {commit}, {time.monotonic() - started:.0f} s"
        f"{'' if args.no_baseline else ', every named test passing on the unchanged copy first'}).\n\n"
        f"{table(outcomes)}\n"
    )
    print("\n" + report)
    if args.write:
        args.write.write_text(report, encoding="utf-8")
    return 0 if caught == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
