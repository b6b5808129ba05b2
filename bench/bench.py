"""`make bench`: build and test times against their floors, page weights and Lighthouse scores.

Prints a Markdown report and writes it to BENCHMARKS.md. A benchmark, not a test: it fails only if a
command fails. Run from the project root after `make install` (the Makefile's bench target does).
"""

import datetime
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from lessonkit.pages import lessons  # the lessons the site declares
from lessonkit.pages import pages as all_pages
from lessonkit.project import copy_project
from lessonkit.serve import serving

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
RUNS = 3
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FIRST_LESSON = lessons()[0].page  # the page whose edits and weight are measured
LESSON = FIRST_LESSON.src_uri.removesuffix("index.md")
TARGET_BUILD_RATIO, TARGET_LESSON_KB, TARGET_NOTEBOOK_SECONDS = 2.5, 150, 4
# CPU seconds of a lesson's code (all its pages, imports excluded) and of the site's; make test per lesson.
TARGET_LESSON_CPU, TARGET_SITE_CPU, TARGET_TEST_SECONDS_PER_LESSON = 3.0, 6.0, 30.0
# One lesson's pages run through the build's runner in a fresh process: CPU seconds after the imports.
CPU_OF_LESSON = """
import sys, time
import matplotlib, torch  # the imports every page pays once, left out of the count
from lessonkit import pages
from lessonkit.runner import PageRun
start = time.process_time()
for page in pages.pages():
    if page.src_uri.startswith(sys.argv[1] + "/"):
        run = PageRun.of_page(page)
        run.run_all()
        assert not run.failures, run.failures
print(time.process_time() - start)
"""


def lesson_cpu_seconds() -> dict[str, float]:
    """Each lesson's code, CPU seconds (its training, mostly), measured alone in a fresh process."""
    seconds = {}
    for lesson in lessons():
        result = subprocess.run(
            [BIN / "python", "-c", CPU_OF_LESSON, lesson.folder], cwd=ROOT, capture_output=True, text=True
        )
        if result.returncode:
            sys.exit(f"running {lesson.folder}'s pages failed:\n{result.stderr[-3000:]}")
        seconds[lesson.folder] = float(result.stdout.split()[-1])
    return seconds


def test_seconds_per_lesson(make_test: float) -> float:
    """What one more lesson adds to `make test`: the full run less a run for one lesson, per other lesson."""
    folders = [lesson.folder for lesson in lessons()]
    if len(folders) < 2:
        return 0.0
    one = median_seconds(["make", "test", f"LESSON={folders[0]}"], runs=1)
    return (make_test - one) / (len(folders) - 1)


QUIET_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def median_seconds(command: list[str], env: dict | None = None, runs: int = RUNS) -> float:
    """Median wall time of a command run `runs` times from the project root (site/ removed first)."""
    times = []
    for _ in range(runs):
        shutil.rmtree(ROOT / "site", ignore_errors=True)
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, env=env or QUIET_ENV, capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"{' '.join(map(str, command))} failed:\n{(result.stdout + result.stderr)[-3000:]}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def without_notebook_seconds() -> float:
    """Median `mkdocs build` time of a copy of mkdocs.yml without the notebook (nav entry, plugin, hooks)."""
    notebook_lines = ("hooks/lesson_notebook.py", "hooks/run_notebook.py", "hooks/notebook_offline.py")
    kept, in_plugin = [], False
    for line in (ROOT / "mkdocs.yml").read_text().splitlines(keepends=True):
        in_plugin = line.startswith("  - mkdocs-jupyter:") or (in_plugin and line.startswith("    "))
        if not in_plugin and not any(name in line for name in notebook_lines):
            kept.append(line)
    config = ROOT / "mkdocs.without-notebook.yml"  # beside mkdocs.yml: hooks and snippets resolve from there
    config.write_text("".join(kept))
    try:
        return median_seconds([BIN / "mkdocs", "build", "-f", config.name])
    finally:
        config.unlink()


def serve_edits(env: dict, edits: list, runs: int = RUNS) -> list[tuple[float, list[str]]]:
    """`mkdocs serve` on a scratch copy: per edit, the median seconds from save to browser reload,
    and the pages it re-ran."""
    with tempfile.TemporaryDirectory() as scratch:  # a copy: the edits never touch the working tree
        copy_project(Path(scratch))
        env = (
            {**env, "LESSON_CACHE": str(Path(scratch) / ".cache" / "exec")}
            if env.get("MARKDOWN_EXEC") != "false"
            else env
        )
        results = []
        with serving(Path(scratch), env, python=str(BIN / "python")) as server:
            for edit in edits:
                times, ran = [], set()
                for run in range(runs):
                    seen = len(server.lines)
                    edit(Path(scratch), run)
                    start = time.perf_counter()
                    server.wait_for("Reloading browsers", seen, timeout=300)
                    times.append(time.perf_counter() - start)
                    ran |= {m[1] for line in server.lines[seen:] if (m := re.search(r"-  ([\w/.-]+): ran", line))}
                results.append((statistics.median(times), sorted(ran)))
    return results


def append_to(relative: str, text: str):
    """An edit: append a line to a project file (prose to a page, a comment to a snippet)."""

    def edit(scratch: Path, run: int) -> None:
        with open(scratch / relative, "a") as file:
            file.write(text.format(run=run))

    return edit


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves site/ as a static host does: directory URLs as index.html, text gzip-compressed."""

    protocol_version = "HTTP/1.1"  # keep-alive, as every real host (http.server's default, 1.0, has none)

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        status = 200 if path.is_file() else 404
        path = path if status == 200 else Path(self.directory) / "404.html"
        body, kind = path.read_bytes(), self.guess_type(str(path))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if "gzip" in self.headers.get("Accept-Encoding", "") and re.match(
            r"text/|application/(javascript|json|xml)|image/svg", kind
        ):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def lighthouse(url: str, desktop: bool) -> dict:
    """One Lighthouse run (mobile unless desktop) in headless Debian chromium; its JSON report."""
    flags = (
        "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
        "--disable-sync --no-first-run"
    )
    command = [
        LIGHTHOUSE,
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={flags}",
        f"--only-categories={','.join(CATEGORIES)}",
    ] + (["--preset=desktop"] if desktop else [])
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def scores(report: dict) -> tuple[list[int], list[str]]:
    """The four category scores (0-100) and the audits that cost points in a category below 100."""
    values, lost = [], []
    for category in CATEGORIES:
        data = report["categories"][category]
        values.append(round(data["score"] * 100))
        if data["score"] < 1:
            lost += [
                ref["id"]
                for ref in data["auditRefs"]
                if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
            ]
    return values, lost


def pages_report(site: Path) -> list[dict]:
    """Per built page: gzip transfer bytes (Lighthouse's total byte weight) and mobile/desktop scores."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rows = []
    try:
        for page in sorted(site.rglob("*.html")):
            path = page.relative_to(site).as_posix().removesuffix("index.html")
            url = f"http://127.0.0.1:{server.server_port}/{path}"
            # Mobile scores vary from run to run (simulated slow CPU): keep the median of three runs.
            runs = sorted(
                (lighthouse(url, desktop=False) for _ in range(RUNS)),
                key=lambda r: r["categories"]["performance"]["score"],
            )
            mobile, desktop = runs[RUNS // 2], lighthouse(url, desktop=True)
            rows.append(
                {
                    "page": path or "/",
                    "bytes": mobile["audits"]["total-byte-weight"]["numericValue"],
                    "mobile": scores(mobile),
                    "desktop": scores(desktop),
                    "lighthouse": mobile["lighthouseVersion"],
                }
            )
            print(
                f"  lighthouse {path or '/'}: mobile {rows[-1]['mobile'][0]}, desktop {rows[-1]['desktop'][0]}",
                file=sys.stderr,
            )
    finally:
        server.shutdown()
    return rows


TARGET_PAGE_KB = 120  # every page, new ones included, with its assets (issue 23)


def page_weight_targets(pages: list[dict]) -> list[str]:
    """The page-weight target of every page: at most TARGET_PAGE_KB gzip with what it loads."""
    heavy = [f"`{p['page']}` {p['bytes'] / 1024:.1f} KB" for p in pages if p["bytes"] > TARGET_PAGE_KB * 1024]
    heaviest = max(pages, key=lambda p: p["bytes"])
    return [
        f"- every page at most {TARGET_PAGE_KB} KB gzip with its assets (heaviest `{heaviest['page']}`, "
        f"{heaviest['bytes'] / 1024:.1f} KB): " + ("met" if not heavy else "NOT met: " + "; ".join(heavy))
    ]


def machine() -> str:
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    memory = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20
    version = lambda *command: subprocess.run(command, capture_output=True, text=True).stdout.strip()  # noqa: E731
    torch = version(BIN / "python", "-c", "import torch; print(torch.__version__)")
    return (
        f"{cpu.group(1) if cpu else platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"{platform.platform()}; load average at start {os.getloadavg()[0]:.2f}; Python {platform.python_version()}, "
        f"torch {torch}, {version(CHROMIUM, '--version')}, node {version('node', '--version')}"
    )


def main() -> None:
    started = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    host = machine()
    print("timing builds, serve and make test ...", file=sys.stderr)
    torch_import = median_seconds([BIN / "python", "-c", "import torch"])
    exec_off = median_seconds(["make", "build"], env={**QUIET_ENV, "MARKDOWN_EXEC": "false"})
    cold = median_seconds(["make", "build"])
    no_notebook = without_notebook_seconds()
    prose = append_to(f"docs/{FIRST_LESSON.src_uri}", "\nOne more sentence of prose, edit {run}.\n")
    home = append_to("docs/index.md", "\nOne more sentence on the home page, edit {run}.\n")
    evidence = next(f for f in sorted((ROOT / "snippets").rglob("*.py")) if "/test/" in str(f))
    snippet = append_to(str(evidence.relative_to(ROOT)), "\n# an edit, {run}\n")
    (rebuild, _), (home_rebuild, home_ran), (_, snippet_ran) = serve_edits(QUIET_ENV, [prose, home, snippet])
    ((rebuild_off, _),) = serve_edits({**QUIET_ENV, "MARKDOWN_EXEC": "false"}, [prose])
    snippet_users = sorted(
        p.src_uri for p in all_pages() if str(evidence.relative_to(ROOT / "snippets")) in p.path.read_text()
    )
    make_test = median_seconds(["make", "test"], runs=1)
    per_lesson = test_seconds_per_lesson(make_test)
    cpu = lesson_cpu_seconds()
    median_seconds(["make", "build"], runs=1)  # leave the real site in site/ for the page report
    print("lighthouse over every page, mobile and desktop ...", file=sys.stderr)
    pages = pages_report(ROOT / "site")

    def row(what: str, value: float) -> str:
        return f"| {what} | {value:.2f} | {value / torch_import:.1f}× | {value / exec_off:.1f}× |"

    lesson = next(page for page in pages if page["page"] == LESSON)
    build_ratio = cold / exec_off
    failing = [f"{p['page']} ({', '.join(p['mobile'][1])})" for p in pages if p["mobile"][0] != [100] * 4]
    lines = [
        "# Benchmarks",
        "",
        f"`make bench` on {started}. Machine: {host}; load average at the end {os.getloadavg()[0]:.2f}.",
        "",
        "## Times (seconds, median of 3; `make test` once)",
        "",
        "| what | seconds | × floor: torch import | × floor: build, execution off |",
        "|---|---|---|---|",
        row('floor: `python -c "import torch"`', torch_import),
        row(
            "floor: `make build` with execution off (`MARKDOWN_EXEC=false`: neither the blocks nor the notebook "
            "run; torch is imported once, in hooks/torch_stamp.py)",
            exec_off,
        ),
        row(
            "`mkdocs build` without the notebook (a copy of mkdocs.yml without its page, plugin and hooks)", no_notebook
        ),
        row("cold `make build`", cold),
        row("rebuild in `make serve` after a prose edit on the lesson (save to browser reload; cache on)", rebuild),
        row("the same rebuild with execution off", rebuild_off),
        row("rebuild in `make serve` after an edit to the home page", home_rebuild),
        row("`make test` after install", make_test),
        "",
        f"## Pages (Lighthouse {pages[0]['lighthouse']}, headless chromium, site served gzip-compressed on 127.0.0.1)",
        "",
        "Transfer: every byte the page loads, as Lighthouse counts it (total byte weight), gzip-compressed.",
        "Scores: performance / accessibility / best practices / SEO; mobile: the median of 3 runs by performance.",
        "",
        "| page | transfer (KB) | mobile | desktop |",
        "|---|---|---|---|",
        *[
            f"| `{p['page']}` | {p['bytes'] / 1024:.1f} | {' / '.join(map(str, p['mobile'][0]))} | "
            f"{' / '.join(map(str, p['desktop'][0]))} |"
            for p in pages
        ],
        "",
        "## Targets",
        "",
        "- Lighthouse 100/100/100/100 on mobile for every page: "
        + ("met" if not failing else "NOT met: " + "; ".join(failing)),
        *page_weight_targets(pages),
        f"- lesson page under {TARGET_LESSON_KB} KB gzip with its assets: {lesson['bytes'] / 1024:.1f} KB, "
        f"{'met' if lesson['bytes'] < TARGET_LESSON_KB * 1024 else 'NOT met'}",
        f'- cold build under {TARGET_BUILD_RATIO}× the floor "execution off + torch import": {build_ratio:.2f}×, '
        f"{'met' if build_ratio < TARGET_BUILD_RATIO else 'NOT met'}",
        f"- the notebook adds under {TARGET_NOTEBOOK_SECONDS} s to the build: {cold - no_notebook:.2f} s, "
        f"{'met' if cold - no_notebook < TARGET_NOTEBOOK_SECONDS else 'NOT met'}",
        f"- a prose edit on the lesson reloads within 1.2× the execution-off rebuild: {rebuild / rebuild_off:.2f}×, "
        f"{'met' if rebuild <= 1.2 * rebuild_off else 'NOT met'}",
        f"- an edit to the home page re-runs no code: re-ran {home_ran or 'nothing'}, "
        f"{'met' if not home_ran else 'NOT met'}",
        f"- an edit to `{evidence.relative_to(ROOT)}` re-runs only the pages that use it ({', '.join(snippet_users)}): "
        f"re-ran {', '.join(snippet_ran) or 'nothing'}, {'met' if snippet_ran == snippet_users else 'NOT met'}",
        f"- `make test` within 8× the cold build: {make_test / cold:.1f}×, "
        f"{'met' if make_test <= 8 * cold else 'NOT met'}",
        f"- one more lesson adds at most {TARGET_TEST_SECONDS_PER_LESSON:.0f} s to `make test`: {per_lesson:.0f} s, "
        f"{'met' if per_lesson <= TARGET_TEST_SECONDS_PER_LESSON else 'NOT met'}",
        *[
            f"- `{folder}`'s code at most {TARGET_LESSON_CPU:g} CPU s (its pages, alone, imports excluded): "
            f"{seconds:.2f} s, {'met' if seconds <= TARGET_LESSON_CPU else 'NOT met'}"
            for folder, seconds in cpu.items()
        ],
        f"- the site's code at most {TARGET_SITE_CPU:g} CPU s: {sum(cpu.values()):.2f} s, "
        f"{'met' if sum(cpu.values()) <= TARGET_SITE_CPU else 'NOT met'}",
        "",
    ]
    report = "\n".join(lines)
    (ROOT / "BENCHMARKS.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
