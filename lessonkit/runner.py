"""One runner for a page's code, used alike by the build (hooks/execution.py) and the tests (tests/test_pages_run.py).

`PageRun` owns one page's exec fences, its sessions' namespaces, each block's output, the checks its
questions register, its failures and its cache entry, and applies every rule of a block: skip a
session after its first failure, no empty Result tab, the questions' checks, the time limit, reuse
from the cache only while every input is unchanged. `BUILD` holds one build's state (its page runs,
whether it serves, the default time limit) and is reset at the start of each build.
"""

from __future__ import annotations

import contextlib
import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lessonkit import cache, execution, pages

Check = Callable[[dict], tuple[str, dict]]  # namespace -> (problem or "", facts worth keeping)


@dataclass
class PageRun:
    """A page's code as the build runs it: fences, namespaces, outputs, facts, failures, cache entry."""

    src_uri: str  # e.g. rnn/index.md
    timeout: float = execution.DEFAULT_TIMEOUT  # a fence's timeout="..." overrides it
    fences: dict[str, pages.Fence] = field(default_factory=dict)
    namespaces: dict[str, dict] = field(default_factory=dict)  # session -> namespace
    outputs: dict[str, str] = field(default_factory=dict)  # block id -> what it printed
    facts: dict[str, dict] = field(default_factory=dict)  # block id -> what its checks kept
    failures: list[str] = field(default_factory=list)
    checks: dict[str, list[Check]] = field(default_factory=dict)  # block id -> checks of its namespace
    questions: dict = field(default_factory=dict)  # question id -> lessonkit.quiz.Question, the valid ones
    failed_sessions: set[str] = field(default_factory=set)
    deps: set[Path] = field(default_factory=set)  # the files its run read (includes, imports, runpy, open)
    key: str = ""
    stored: dict | None = None  # the cache entry reused, if any
    seconds: float = 0.0  # time spent running its blocks (not waiting for other pages)

    # -- reading -----------------------------------------------------------------------------------------
    def read(self, markdown: str, file_text: str | None = None) -> str:
        """Take the page's exec fences from `markdown` (as the build has it); lines named by `file_text`'s numbers.

        Returns the Markdown to build: without the include lines of missing snippets (each a failure)."""
        page_file = f"docs/{self.src_uri}"
        try:
            fences = pages.read_fences(markdown, page_file)
        except pages.SnippetMissingError as error:
            message, include = _missing_include(markdown, error)
            self.fail(f"{self.src_uri}: {message}")  # the page builds without that line; the build fails at its end
            return self.read(markdown.replace(include, ""), file_text) if include else markdown
        if file_text is not None:
            _with_file_lines(fences, file_text, page_file)
        ids = [fence.id for fence in fences]
        for repeated in sorted({i for i in ids if ids.count(i) > 1}):
            self.fail(f"{self.src_uri}: two code blocks have the id '{repeated}'")
        self.fences = {fence.id: fence for fence in fences}
        self.deps = {path for fence in fences for path in fence.includes}
        questions = pages.QUIZ_FENCE.findall(file_text if file_text is not None else markdown)
        blocks = [(f.id, f.session, f.options, f.code) for f in fences]
        self.key = cache.key(self.src_uri, blocks, questions)  # the questions' YAML too: an answer key change re-runs
        self.stored = cache.load(_cache_name(self.src_uri), self.key) if fences or questions else None
        if self.stored:
            self.facts.update(self.stored["facts"])
        return markdown

    def read_questions(self, markdown: str, source: str) -> list:
        """The page's valid questions (each bad one recorded as a failure), each evidence checked when it runs.

        `source` is the page file's text, for true line numbers."""
        from lessonkit import quiz  # the schema imports this module's neighbours: import it when used

        errors: list[str] = []  # every bad question is reported (at the build's end), not just the first
        questions = []
        try:
            why_not = "<!-- quiz-progress -->" in markdown  # practice and test pages
            questions = quiz.parse(markdown, self.src_uri, require_why_not=why_not, source=source, errors=errors)
            quiz.check_page(questions, self.src_uri)
        except quiz.QuizError as error:
            errors.append(str(error))
        valid = []
        for q in questions:
            try:
                quiz.check_snippets(q)
            except quiz.QuizError as error:
                errors.append(str(error))
                continue
            self.expect(q.evidence_block, functools.partial(quiz.verify, q))
            valid.append(q)
        for error in errors:
            self.fail(error)
        self.questions = {q.id: q for q in valid}
        return valid

    @classmethod
    def of_page(cls, page: pages.Page, timeout: float = execution.DEFAULT_TIMEOUT) -> PageRun:
        """A page read from its file alone, its questions' evidence in their places, as the build runs it."""
        run = cls(page.src_uri, timeout)
        text = page.path.read_text(encoding="utf-8")
        by_number = {q.number: q for q in run.read_questions(text, text)}
        numbers = iter(range(1, len(pages.QUIZ_FENCE.findall(text)) + 1))
        run.read(pages.QUIZ_FENCE.sub(lambda _: evidence_markdown(by_number.get(next(numbers))), text), text)
        from lessonkit import claims  # the prose claims, checked as hooks/claims.py has the build check them

        for claim in claims.find(text):
            where = f"docs/{page.src_uri}:{claim.line}"
            if claim.block is None:
                run.fail(f'{where}: the claim `{claim.expr}` has no exec block above it: "{claim.sentence}"')
                continue
            check = functools.partial(claims.problem, where, claim.sentence, claim.expr)
            run.expect(claim.block, lambda namespace, check=check: (check(namespace), {}))
        return run

    # -- running -----------------------------------------------------------------------------------------
    def expect(self, block: str, check: Check) -> None:
        """After `block` runs, `check(namespace)` must return no problem (a question's evidence registers one)."""
        self.checks.setdefault(block, []).append(check)

    def fail(self, message: str) -> None:
        self.failures.append(message)

    def run_block(self, fence: pages.Fence) -> str:
        """Run one block with every rule; what it printed ("" when it failed or its session already had)."""
        fence = self.fences.get(fence.id, fence)
        if self.stored and fence.id in self.stored["outputs"]:
            return self.stored["outputs"][fence.id]
        if fence.id in self.outputs:  # a question's evidence runs before its question renders around it
            return self.outputs[fence.id]
        self.deps |= set(fence.includes)
        session = fence.session or f"alone:{fence.id}"
        if session in self.failed_sessions:
            return ""  # an earlier block of its session failed: that error is the one to fix
        namespace = self.namespaces.setdefault(session, execution.namespace_for(f"{self.src_uri}-{session}"))
        start = time.perf_counter()
        try:
            run = execution.run_code(fence, namespace, self.src_uri, execution.timeout_of(fence, self.timeout))
        except execution.BlockFailed as error:
            self.fail(str(error))
            self.failed_sessions.add(session)
            return ""
        finally:
            self.seconds += time.perf_counter() - start
        self.deps |= run.imported
        if not run.printed.strip() and fence.options.get("source", "").startswith("tabbed"):
            self.fail(
                f"{self.src_uri}: block '{fence.id}' prints nothing into its Result tab: "
                'show its code with source="above"'
            )
        for check in self.checks.get(fence.id, []):
            problem, facts = check(namespace)
            if problem:
                self.fail(problem)
            self.facts.setdefault(fence.id, {}).update(facts)  # several checks of one block keep all their facts
        self.outputs[fence.id] = run.printed
        return run.printed

    def run_all(self) -> dict[str, str]:
        """Every block in page order (what the tests do): block id -> output."""
        execution.use_figures()
        return {fence.id: self.run_block(fence) for fence in self.fences.values()}

    def namespace_of(self, block: str) -> dict:
        """The namespace block `block` ran in (its session's)."""
        fence = self.fences[block]
        return self.namespaces[fence.session or f"alone:{fence.id}"]

    def finish(self) -> str:
        """Save the cache entry of a run that had no failure; a line for the log."""
        if self.stored:
            return f"{self.src_uri}: reused the results of {len(self.stored['outputs'])} blocks (cache)"
        if not self.failures:
            entry = {"outputs": self.outputs, "facts": self.facts}
            cache.save(_cache_name(self.src_uri), self.key, entry, self.deps)
        return f"{self.src_uri}: ran {len(self.outputs)} blocks in {self.seconds:.1f} s"


@dataclass
class Build:
    """One build's state: reset at the start of each build (also each rebuild of `mkdocs serve`)."""

    serving: bool = False  # `mkdocs serve`: a failed page becomes an error page instead of failing the build
    executing: bool = True  # markdown-exec on (off: MARKDOWN_EXEC=false, code shown but not run)
    timeout: float = execution.DEFAULT_TIMEOUT  # mkdocs.yml's extra.exec_timeout
    runs: dict[str, PageRun] = field(default_factory=dict)  # page (or notebook) src_uri -> its run
    current: PageRun | None = None  # the page being rendered
    script_hashes: set[str] = field(default_factory=set)  # every inline script of the site (hooks/csp.py)

    def reset(self, timeout: float = execution.DEFAULT_TIMEOUT) -> None:
        self.timeout, self.runs, self.current, self.script_hashes = timeout, {}, None, set()
        execution.forget_snippet_modules()  # serve: an edited snippet module is imported afresh

    def page(self, src_uri: str) -> PageRun:
        """The run of a page, made on first use (a hook may register checks before its fences are read)."""
        if src_uri not in self.runs:
            self.runs[src_uri] = PageRun(src_uri, self.timeout)
        return self.runs[src_uri]

    def record(self, page: str, message: str) -> None:
        self.page(page).fail(message)

    def messages(self) -> list[str]:
        return [message for run in self.runs.values() for message in run.failures]

    def clear_failures(self) -> None:
        for run in self.runs.values():
            run.failures.clear()


BUILD = Build()


def evidence_markdown(question) -> str:
    """A question's evidence as the exec fence its solution runs ("" for none): the build and the tests alike."""
    if question is None:
        return ""
    from lessonkit import quiz

    fence = quiz.evidence_fence(question)
    return "```python " + " ".join(f'{k}="{v}"' for k, v in fence.options.items()) + f"\n{fence.body}```\n"


def _cache_name(page: str) -> str:
    return "pages/" + page.replace("/", "--")


def _with_file_lines(fences: list[pages.Fence], file_text: str, page_file: str) -> None:
    """Lines written on the page are named by the page file's own numbers (front matter included)."""
    in_file = {f.id: f for f in pages.read_fences(file_text, page_file, expand_code=False)}
    for fence in fences:
        if fence.id in in_file:
            with contextlib.suppress(pages.SnippetMissingError):  # reported for the markdown as run
                fence.origins = pages.expand(in_file[fence.id], page_file).origins


def _missing_include(markdown: str, error: Exception) -> tuple[str, str]:
    """Name the block and the include line of a missing snippet file or section; also that line."""
    missing = re.search(r"'([^']+)'", str(error)).group(1)
    for fence in pages.read_fences(markdown, "", expand_code=False):
        for line in fence.body.splitlines():
            if line.startswith("--8<--") and missing in line:
                return f"code block '{fence.id}': {error} (from {line.strip()})", line
    return str(error), ""
