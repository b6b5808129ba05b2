"""Verified on two torch releases: run every lesson on each, compare, and keep the record (RELEASES.toml).

`make verify-releases` runs `python -m lessonkit.releases` in the build's environment. It starts one
runner per release (the build's Python and the second release's, in .cache/), each of which runs every
page block, every question's evidence and every lesson notebook and writes what they printed as JSON.
The two runs are then compared: a block or cell whose printed text differs in any character is kept
with both outputs; a verified answer that does not hold on a release fails the target, naming page,
question and both values. The record also keeps a hash of everything each lesson runs, so that the
build (hooks/releases.py) can tell a fresh record from a stale one without running anything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from lessonkit import pages

RECORD = "RELEASES.toml"
HEADER = "# Written by `make verify-releases` (lessonkit/releases.py), never by hand; see the README.\n"


# -- What a lesson runs, and its hash ----------------------------------------------------------------


def lesson_pages(lesson: pages.Lesson) -> list[pages.Page]:
    return [page for page in (lesson.page, lesson.practice, lesson.test) if page is not None]


def lesson_hash(lesson: pages.Lesson) -> str:
    """Everything the lesson runs: its pages' exec fences and quiz fences, and every file of its snippets.

    Prose edits keep the hash; any code, question or snippet edit changes it (the record goes stale)."""
    from lessonkit import quiz

    sha = hashlib.sha256()
    for page in lesson_pages(lesson):
        text = page.path.read_text(encoding="utf-8")
        parts = [match.group(0) for match in pages.FENCE.finditer(text)] + quiz.FENCE.findall(text)
        sha.update(json.dumps([page.src_uri, parts]).encode())
    # Included files by their include lines (not expanded: a missing one is the build's error to name).
    included = {
        pages.snippets() / include[1].partition(":")[0]
        for page in lesson_pages(lesson)
        for fence in pages.read_fences(page.path.read_text(encoding="utf-8"), page.src_uri, expand_code=False)
        for line in fence.body.splitlines()
        if (include := pages.INCLUDE.match(line))
    }
    files = {path for path in included if path.is_file()} | set((pages.snippets() / lesson.folder).rglob("*.py"))
    for path in sorted(files):
        sha.update(str(path.relative_to(pages.ROOT)).encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()[:16]


# -- One release's run (in that release's Python) -----------------------------------------------------


def run_all(lessons: list[pages.Lesson]) -> dict:
    """Every block, evidence and notebook cell of every lesson, run here: what each printed."""
    import torch

    from lessonkit import execution

    execution.use_figures()
    result = {"torch": torch.__version__, "lessons": {}}
    for lesson in lessons:
        execution.forget_snippet_modules()
        outputs, answers = {}, {}
        for page in lesson_pages(lesson):
            outputs.update(_run_blocks(page))
            for name, (printed, answer) in _run_questions(page).items():
                outputs[name] = printed
                if answer is not None:
                    answers[name] = answer
        outputs.update(run_notebook(lesson))
        result["lessons"][lesson.folder] = {"hash": lesson_hash(lesson), "outputs": outputs, "answers": answers}
    return result


def _run_blocks(page: pages.Page) -> dict[str, str]:
    """Each block as the build runs it (a session's blocks in order); a failure is its output here."""
    from lessonkit import execution

    namespaces: dict[str, dict] = {}
    failed: set[str] = set()
    outputs = {}
    for fence in page.fences:
        session = fence.session or f"alone:{fence.id}"
        name = f"{page.src_uri}#{fence.id}"
        if session in failed:
            outputs[name] = "(not run: an earlier block of its session failed)"
            continue
        namespace = namespaces.setdefault(session, execution.namespace_for(f"{page.src_uri}-{session}"))
        try:
            outputs[name] = execution.run_code(fence, namespace, page.src_uri, execution.timeout_of(fence)).printed
        except execution.BlockFailed as error:
            outputs[name] = f"(failed) {error}"
            failed.add(session)
    return outputs


def _run_questions(page: pages.Page) -> dict[str, tuple[str, dict | None]]:
    """Each question's evidence, run alone: what it printed and, for a verified one, the verdict."""
    from lessonkit import execution, quiz

    found = {}
    for question in quiz.parse(page.text, page.src_uri):
        name = f"{page.src_uri}#{question.evidence_block}"
        try:
            namespace, printed, problem = quiz.run_evidence(question)
        except execution.BlockFailed as error:
            namespace, printed, problem = {}, f"(failed) {error}", str(error)
        if question.kind != "verified":
            found[name] = (printed, None)
            continue
        _, facts = quiz.verify(question, namespace) if namespace else ("", {})
        found[name] = (printed, {"question": question.name, "problem": problem, "value": _value(facts)})
    return found


def _value(facts: dict) -> str:
    """A verified answer's real value as one line: the evidence's `answer`, or each option's outcome."""
    if "answer" in facts:
        return facts["answer"]
    return "; ".join(f"{letter}: {outcome}" for letter, outcome in sorted(facts.get("outcomes", {}).items()))


def run_notebook(lesson: pages.Lesson) -> dict[str, str]:
    """The lesson's notebook on a fresh kernel of this Python: each code cell's printed text."""
    import asyncio
    import tempfile

    import nbformat
    import torch
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from lessonkit import notebook

    nb = notebook.assemble(lesson, "/")
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    probe = nbformat.v4.new_code_cell("import torch\nprint(torch.__version__)", id="release-probe")
    nb.cells.append(probe)  # the kernel must run this release, not whatever its kernel spec names
    with tempfile.TemporaryDirectory() as folder:
        kernel = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=f"{folder}/kernel")
        client = NotebookClient(
            nb,
            km=kernel,
            timeout=120,
            allow_errors=False,
            shutdown_kernel="immediate",
            resources={"metadata": {"path": folder}},
        )
        failure = ""
        try:
            asyncio.run(client.async_execute(cleanup_kc=True))
        except CellExecutionError as error:
            failure = f"(failed) {error.ename}: {error.evalue}"
    kernel_release = "".join(out.get("text", "") for out in probe.get("outputs", [])).strip()
    if not failure and kernel_release != torch.__version__:
        raise RuntimeError(f"{lesson.notebook}: its kernel ran torch {kernel_release}, not {torch.__version__}")
    outputs = {}
    for cell in code:
        text = "".join(
            out.get("text", "") if out.output_type == "stream" else out.get("data", {}).get("text/plain", "")
            for out in cell.get("outputs", [])
            if out.output_type in ("stream", "display_data", "execute_result", "error")
        )
        errors = [out for out in cell.get("outputs", []) if out.output_type == "error"]
        outputs[f"{lesson.notebook}#{cell.id}"] = failure if errors else text
    return outputs


# -- Comparing two runs and writing the record ----------------------------------------------------------


def public(version: str) -> str:
    """`2.13.0+cpu` -> `2.13.0`: the release, not the build variant."""
    return version.split("+")[0]


def compare(build: dict, second: dict) -> tuple[dict, list[str]]:
    """The record of two runs, and every verified answer that fails on either release."""
    a, b = public(build["torch"]), public(second["torch"])
    record: dict = {"build": a, "releases": [a, b], "lessons": {}}
    problems = []
    for folder, ran in build["lessons"].items():
        other = second["lessons"].get(folder, {"outputs": {}, "answers": {}})
        differs = [
            {"block": name, a: text, b: other["outputs"].get(name, "(not run)")}
            for name, text in ran["outputs"].items()
            if other["outputs"].get(name) != text
        ]
        for name, verdict in ran["answers"].items():
            theirs = other["answers"].get(name, {"problem": "not run", "value": "(not run)"})
            for release, mine in ((a, verdict), (b, theirs)):
                if mine["problem"]:
                    problems.append(
                        f"{verdict['question']}: its verified answer fails on torch {release}: torch {a} gives "
                        f"{verdict['value']!r}, torch {b} gives {theirs['value']!r} ({mine['problem']})"
                    )
        record["lessons"][folder] = {
            "hash": ran["hash"],
            "verified": [a, b],
            "answers": len(ran["answers"]),
            "compared": len(ran["outputs"]),
            "differs": differs,
        }
    return record, problems


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def dumps(record: dict) -> str:
    """The record as TOML (tomllib reads it back): plain, one value a line, stable order."""
    lines = [
        HEADER,
        f"build = {_string(record['build'])}",
        f"releases = [{', '.join(map(_string, record['releases']))}]",
    ]
    for folder, lesson in sorted(record["lessons"].items()):
        lines += [
            "",
            f"[lessons.{_string(folder)}]",
            f"hash = {_string(lesson['hash'])}",
            f"verified = [{', '.join(map(_string, lesson['verified']))}]",
            f"answers = {lesson['answers']}",
            f"compared = {lesson['compared']}",
        ]
        for block in lesson["differs"]:
            lines += ["", f"[[lessons.{_string(folder)}.differs]]"]
            lines += [f"{_string(key)} = {_string(value)}" for key, value in block.items()]
    return "\n".join(lines) + "\n"


def load(path: Path) -> dict | None:
    """The committed record, or None when there is none."""
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


# -- What the build says about a lesson ----------------------------------------------------------------


def status(record: dict | None, lesson: pages.Lesson, build_release: str) -> dict:
    """What the record says about this lesson as it is now: releases it holds on, its differing blocks."""
    entry = (record or {}).get("lessons", {}).get(lesson.folder)
    if entry is None or entry["hash"] != lesson_hash(lesson) or public(build_release) not in entry["verified"]:
        reason = (
            "has no record yet"
            if entry is None
            else "changed since its record was written"
            if entry["hash"] != lesson_hash(lesson)
            else "was recorded on other releases than this build's"
        )
        return {"fresh": False, "releases": [public(build_release)], "differs": [], "reason": reason}
    return {
        "fresh": True,
        "releases": entry["verified"],
        "differs": entry.get("differs", []),
        "answers": entry.get("answers", 0),
        "compared": entry.get("compared", 0),
    }


def sentence(state: dict) -> str:
    """`Answers verified on torch 2.13.0 and 2.14.1.`, or the build's release and why no more."""
    names = state["releases"]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if state["fresh"]:
        return f"Answers verified on torch {joined}."
    return (
        f"Answers verified on torch {joined} (this build). The record of other releases is stale: "
        f"this lesson's code {state['reason']}."
    )


# -- The target ----------------------------------------------------------------------------------------


def _runner(python: str, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(pages.ROOT)}
    command = [python, "-m", "lessonkit.releases", "run", "--out", str(out), "--root", str(pages.ROOT)]
    return subprocess.Popen(command, cwd=pages.ROOT, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run every lesson here; write what it printed as JSON")
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("--root", type=Path, default=pages.ROOT)
    verify = commands.add_parser("verify", help="run both releases, compare them, write the record")
    verify.add_argument("--second", required=True, help="the second release's Python")
    verify.add_argument("--root", type=Path, default=pages.ROOT)
    both = commands.add_parser("compare", help="compare two runs' JSON; write the record unless an answer fails")
    both.add_argument("build", type=Path)
    both.add_argument("second", type=Path)
    both.add_argument("--root", type=Path, default=pages.ROOT)
    args = parser.parse_args(argv)
    pages.use_project(args.root)
    if args.command == "run":
        args.out.write_text(json.dumps(run_all(pages.lessons())), encoding="utf-8")
        return 0
    if args.command == "compare":
        return write_record(args.build, args.second)
    scratch = pages.ROOT / ".cache" / "releases"
    scratch.mkdir(parents=True, exist_ok=True)
    runs = [_runner(sys.executable, scratch / "build.json"), _runner(args.second, scratch / "second.json")]
    if any([process.wait() for process in runs]):
        print("verify-releases: a release's run failed (its error is above)", file=sys.stderr)
        return 1
    return write_record(scratch / "build.json", scratch / "second.json")


def write_record(build_run: Path, second_run: Path) -> int:
    """Compare two runs; write ROOT/RELEASES.toml, or fail naming every verified answer that does not hold."""
    build, second = (json.loads(path.read_text(encoding="utf-8")) for path in (build_run, second_run))
    record, problems = compare(build, second)
    if problems:
        print("verify-releases: verified answers that do not hold:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    (pages.ROOT / RECORD).write_text(dumps(record), encoding="utf-8")
    shown = {folder: len(lesson["differs"]) for folder, lesson in record["lessons"].items()}
    print(f"verify-releases: torch {' and '.join(record['releases'])}; blocks printing differently: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
