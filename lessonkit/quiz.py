"""Quiz questions: one schema, one parser, one verifier, shared by the build (hooks/quiz.py) and the tests.

A question is a ```quiz fence of YAML. Its `evidence` is a snippet run inside its solution; the snippet
contract: for `verify: value` it sets `answer` (compared with the marked option's text), for
`verify: runs` it sets `outcomes` (letter -> "runs" or "ErrorType: message"), and optionally
`candidates` (letter -> the code line it ran, which must be the option's text).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

import yaml

from lessonkit import claims as claim_checks
from lessonkit import execution, pages
from lessonkit.pages import QUIZ_FENCE as FENCE

DIFFICULTIES = ("easy", "medium", "hard")
KINDS = ("verified", "conceptual")
VERIFY = ("value", "runs")
MAX_SHARE_OF_ONE_LETTER = 0.4  # on a page of 5 or more questions


@dataclass
class Question:
    """The schema: fields without a default are required."""

    number: int
    page: str  # e.g. rnn/practice.md
    line: int  # the fence's first line in the page file
    id: str
    difficulty: str
    kind: str
    evidence: str  # snippet path[:section], relative to snippets/
    question: str
    options: dict[str, str]
    answer: str
    steps: list[dict[str, str]]
    quick_check: str
    hint: str
    mistakes: list[str]
    teaches: str  # the heading id on the lesson page that teaches this; the solution links to it
    why_not: dict[str, str] | None = None  # wrong option -> why it is wrong (runs: from the evidence run)
    code: str | None = None  # snippet path[:section] shown with the question (not run)
    verify: str | None = None  # verified only: "value" or "runs"
    fails_with: dict[str, str] | None = None  # verify: runs: the error type each wrong option ends in
    # part -> Python expression(s) that must hold in the evidence's namespace after its run: a sentence
    # of that part states a result. Parts: an option letter (its why_not), question, steps, quick_check,
    # hint, mistakes. Evaluated by `verify` after the evidence's run.
    claims: dict[str, str | list[str]] | None = None

    @property
    def name(self) -> str:
        return f"{self.page}: question {self.number} ('{self.id}')"

    @property
    def evidence_block(self) -> str:
        return f"{self.id}-evidence"

    @property
    def wrong(self) -> list[str]:
        return [letter for letter in self.options if letter != self.answer]


FIELDS = [f.name for f in dataclasses.fields(Question) if f.name not in ("number", "page", "line")]
REQUIRED = [f.name for f in dataclasses.fields(Question) if f.default is dataclasses.MISSING and f.name in FIELDS]


class QuizError(Exception):
    """A malformed question or a broken page-wide rule; the message names the page and the question."""


def parse(
    markdown: str, page: str, require_why_not: bool = False, source: str | None = None, errors: list | None = None
) -> list[Question]:
    """Every ```quiz fence of a page, validated; a QuizError names the page file's line and the question.

    `require_why_not`: every wrong option needs its why_not line (practice and test pages). `source`: the
    page file's text, when `markdown` is not (MkDocs strips the front matter), for true line numbers.
    `errors`: collect each bad question's error there and go on with the others, instead of raising."""
    source = source or markdown
    questions = []
    for number, match in enumerate(FENCE.finditer(markdown), start=1):
        try:
            questions.append(_question(match, number, page, source, require_why_not))
        except QuizError as error:
            if errors is None:
                raise
            errors.append(str(error))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise QuizError(f"{page}: question ids repeat: {ids}")
    return questions


def _question(match: re.Match, number: int, page: str, source: str, require_why_not: bool) -> Question:
    found = source.find(match.group(0))
    line = source.count("\n", 0, found if found >= 0 else match.start()) + 1
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        # Where the broken construct starts (an unclosed bracket), else where the parser gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        where = f"docs/{page}:{line + 1 + mark.line}" if mark else f"docs/{page}:{line}"
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise QuizError(f"{where}: question {number}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise QuizError(f"docs/{page}:{line}: question {number}: expected `field: value` lines")
    return _validated(data, number, page, line, require_why_not)


def _validated(data: dict, number: int, page: str, line: int, require_why_not: bool) -> Question:
    name = f"{page}: question {number} ('{data.get('id', 'no id')}')"
    fail = lambda message: QuizError(f"{name}: {message} (docs/{page}:{line})")  # noqa: E731
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise fail(f"missing {', '.join(missing)}")
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise fail(f"unknown field(s) {', '.join(sorted(unknown))}")
    if data["kind"] not in KINDS:
        raise fail(f"kind is {data['kind']!r}, must be one of {', '.join(KINDS)}")
    if data["difficulty"] not in DIFFICULTIES:
        raise fail(f"difficulty is {data['difficulty']!r}, must be one of {', '.join(DIFFICULTIES)}")
    options = {str(letter): str(text) for letter, text in data["options"].items()}
    answer = str(data["answer"]).strip()
    if answer not in options:
        raise fail(f"the marked answer {answer!r} must be exactly one of the options {', '.join(options)}")
    if (data["kind"] == "verified") != (data.get("verify") in VERIFY):
        raise fail("a verified question needs `verify: value` or `verify: runs`, a conceptual one none")
    wrong = set(options) - {answer}
    if data.get("verify") == "runs" and set(data.get("fails_with") or {}) != wrong:
        raise fail(f"`verify: runs` needs `fails_with` for exactly the options {', '.join(sorted(wrong))}")
    why_not = {str(k): str(v) for k, v in (data.get("why_not") or {}).items()}
    if data.get("verify") == "runs" and why_not:
        raise fail("`verify: runs` takes each wrong option's why_not from its evidence run: remove why_not")
    if data.get("verify") != "runs" and (why_not or require_why_not) and set(why_not) != wrong:
        raise fail(f"why_not must give one line for exactly the wrong options {', '.join(sorted(wrong))}")
    claims = data.get("claims") or {}
    if not isinstance(claims, dict):
        raise fail("claims must map a part (an option letter, question, steps, quick_check, hint, mistakes) to checks")
    claims = {str(part): checks for part, checks in claims.items()}
    bad = sorted(set(claims) - set(options) - set(CLAIM_PARTS))  # the marked option's text states a result too
    if bad:
        raise fail(f"claims on unknown part(s) {', '.join(bad)}: use an option's letter or {', '.join(CLAIM_PARTS)}")
    if claims and not data.get("evidence"):
        raise fail("claims need an evidence snippet to be checked against")
    return Question(
        number=number,
        page=page,
        line=line,
        **{**data, "options": options, "answer": answer, "why_not": why_not, "claims": claims or None},
    )


CLAIM_PARTS = ("question", "steps", "quick_check", "hint", "mistakes")


def claim_problems(question: Question, namespace: dict) -> list[str]:
    """Every `claims:` check of a question that its evidence's run does not bear out, naming part and text."""
    found = []
    for part, checks in (question.claims or {}).items():
        for expr in [checks] if isinstance(checks, str) else checks:
            where = f"{question.name}, {_part_name(question, part)}"
            message = claim_checks.problem(where, _part_text(question, part), str(expr), namespace)
            if message:
                found.append(message)
    return found


def _part_name(question: Question, part: str) -> str:
    if part == question.answer:
        return f"the marked option {part}"
    return f"the why-not of option {part}" if part in question.options else part


def _part_text(question: Question, part: str) -> str:
    if part == question.answer:
        return question.options[part]
    if part in question.options:
        return (question.why_not or {}).get(part, "")
    if part == "steps":
        return " ".join(step.get("text", "") for step in question.steps)
    if part == "mistakes":
        return " / ".join(question.mistakes)
    return str(getattr(question, part))


MAX_SHARE_MARKED_LONGEST = 0.4  # on a practice or test page: longer than the others must not give the answer
QUIZ_PAGES = ("practice.md", "test.md")


def check_page(questions: list[Question], page: str) -> None:
    """Page-wide rule: marked answers balanced, so no letter can be guessed for a good score."""
    problems = _balance(questions, page)
    if problems:
        raise QuizError("\n  ".join(problems))


def rule_problems(questions: list[Question], page: str, code: dict[str, str] | None = None) -> list[str]:
    """Options and questions that give nothing away (issue 20); `code`: question id -> its code's text.

    On a practice or test page the marked option is the longest in at most 40% of the questions; no
    two questions ask the same thing; no question's code carries a comment that states its answer."""
    problems = _longest(questions, page) if page.rsplit("/", 1)[-1] in QUIZ_PAGES else []
    problems += duplicates(questions)
    for q in questions:
        if (code or {}).get(q.id):
            problems += answer_in_comments(q, code[q.id])
    return problems


def _balance(questions: list[Question], page: str) -> list[str]:
    if len(questions) < 5:
        return []
    counts = Counter(q.answer for q in questions)
    letters = sorted({letter for q in questions for letter in q.options})
    over = [
        f"{letter} ({n} of {len(questions)})"
        for letter, n in sorted(counts.items())
        if n > MAX_SHARE_OF_ONE_LETTER * len(questions)
    ]
    if over:
        return [
            f"{page}: the marked answers are unbalanced: {', '.join(over)} is correct in more than 40%; reorder options"
        ]
    never = [letter for letter in letters if counts[letter] == 0]
    if len(questions) >= 10 and never:
        return [f"{page}: no question has {', '.join(never)} as its marked answer; reorder options"]
    return []


def rendered(text: str) -> str:
    """An option as the reader sees it: Markdown code ticks, emphasis and link targets gone, spaces collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>|[`*]|(?<!\w)_|_(?!\w)", "", text)
    return " ".join(text.split())


def marked_is_longest(q: Question) -> bool:
    """The marked option is longer than every other (a tie gives nothing away)."""
    mine = len(rendered(q.options[q.answer]))
    return all(mine > len(rendered(text)) for letter, text in q.options.items() if letter != q.answer)


def _longest(questions: list[Question], page: str) -> list[str]:
    longest = [q.id for q in questions if marked_is_longest(q)]
    if questions and len(longest) > MAX_SHARE_MARKED_LONGEST * len(questions):
        return [
            f"{page}: the marked option is the longest in {len(longest)} of {len(questions)} questions "
            f"(at most 40%): {', '.join(longest)}; make a wrong option as long, or shorten the answer"
        ]
    return []


def _asked(q: Question) -> str:
    return " ".join(re.findall(r"\w+", q.question.lower()))


def duplicates(questions: list[Question], across_pages: bool = False) -> list[str]:
    """Pairs that ask the same thing: the same question text, or the same section proven by the same evidence."""
    found = []
    for i, first in enumerate(questions):
        for second in questions[i + 1 :]:
            if across_pages and first.page == second.page:
                continue
            same_text = _asked(first) == _asked(second) and first.code == second.code
            same_proof = (first.teaches, first.evidence, first.kind) == (second.teaches, second.evidence, second.kind)
            if same_text or same_proof:
                why = "the same question" if same_text else f"`teaches: {first.teaches}` and the same evidence"
                found.append(f"{first.name} and {second.name} ask the same thing ({why}): ask something else")
    return found


_CODE_WORD = re.compile(r"`([^`]+)`|\b(\w*[_\d]\w*)\b")


def _code_words(text: str) -> set[str]:
    """Code-like words of an option: what is in ticks, names with an underscore or a digit, numbers."""
    words = set()
    for ticked, word in _CODE_WORD.findall(text):
        words |= set(re.findall(r"\w+", ticked)) if ticked else {word}
    return {w for w in words if len(w) > 1 or w.isdigit()}


def answer_in_comments(q: Question, code: str) -> list[str]:
    """A comment in the question's code that names what only the marked option says gives the answer away."""
    import io
    import tokenize

    try:
        comments = [
            t.string for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        comments = [line.split("#", 1)[1] for line in code.splitlines() if "#" in line]
    marked = q.options[q.answer]
    common = set.intersection(*[_code_words(t) for letter, t in q.options.items() if letter != q.answer] or [set()])
    telling = _code_words(marked) - common
    found = []
    for comment in comments:
        said = set(re.findall(r"\w+", comment))
        if telling & said or plain(marked) in comment:
            named = ", ".join(sorted(telling & said)) or plain(marked)
            found.append(
                f"{q.name}: the comment {comment.strip()!r} in its code names {named}, "
                f"which the marked option {q.answer} says: remove it"
            )
    return found


def question_code(questions: list[Question]) -> dict[str, str]:
    """Question id -> the code shown with it, as pymdownx.snippets expands it (a missing one is reported elsewhere)."""
    found = {}
    for q in questions:
        if q.code:
            try:
                found[q.id] = "\n".join(pages.expander().run([f'--8<-- "{q.code}"']))
            except Exception:  # check_snippets names the missing file or section
                continue
    return found


def lesson_rules(teaches: list[tuple[Question, str]], files) -> list[tuple[str, str]]:
    """(lesson page, problem) for each lesson the built questions point at: see `lesson_problems`."""
    by_lesson: dict[str, list[Question]] = {}
    for q, lesson in teaches:
        by_lesson.setdefault(lesson, []).append(q)
    found = []
    for lesson, questions in by_lesson.items():
        file = files.get_file_from_path(lesson)
        if not (file and file.page):
            continue
        headings = {item.id: item.title for item in _toc(file.page.toc) if item.level in (2, 3)}
        declared = file.page.meta.get("lesson") or {}
        untested = declared.get("untested") if isinstance(declared, dict) else None
        found += [(lesson, problem) for problem in lesson_problems(questions, headings, untested, lesson)]
    return found


def _toc(items):
    for item in items:
        yield item
        yield from _toc(item.children)


def lesson_problems(questions: list[Question], headings: dict[str, str], untested, lesson: str) -> list[str]:
    """Every section of the lesson page that teaches (## and ###) is some question's `teaches`, or is listed,
    with its reason, in the lesson's front matter `lesson: {untested: {anchor: reason}}` (a list also
    reads); and no two of the lesson's questions, on any of its pages, ask the same thing."""
    listed = untested if isinstance(untested, dict) else dict.fromkeys(untested or [], "")
    own = {f"{q.id}-title" for q in questions}  # a question's own heading on the lesson page
    taught = {q.teaches for q in questions}
    problems = [
        f"{lesson}: the section '{title}' (#{anchor}) teaches, but no question has `teaches: {anchor}`: "
        f"add one, or list it under `lesson: {{untested: ...}}` with a reason"
        for anchor, title in headings.items()
        if anchor not in taught | set(listed) | own
    ]
    problems += [
        f"{lesson}: `lesson: {{untested: [{anchor}]}}` names no section of the page"
        for anchor in listed
        if anchor not in headings
    ]
    return problems + duplicates(questions, across_pages=True)  # within one page, check_page has said it


def check_snippets(question: Question) -> None:
    """A question's snippets (path or path:section) must exist, or it points at nothing."""
    for reference in filter(None, [question.evidence, question.code]):
        path, _, section = reference.partition(":")
        file = pages.snippets() / path
        if not file.is_file():
            raise QuizError(f"{question.name}: its check {reference!r} points at a missing file snippets/{path}")
        if section and f"[start:{section}]" not in file.read_text(encoding="utf-8"):
            raise QuizError(f"{question.name}: its check {reference!r} points at a missing section of snippets/{path}")


def plain(option: str) -> str:
    """An option's text without Markdown code ticks."""
    return option.replace("`", "").strip()


def verify(question: Question, namespace: dict) -> tuple[str, dict]:
    """Does the evidence's run support the marked option and every claim? A problem (or ""), and the facts."""
    problem, facts = _verify_answer(question, namespace)
    return "\n  ".join(filter(None, [problem, *claim_problems(question, namespace)])), facts


def _verify_answer(question: Question, namespace: dict) -> tuple[str, dict]:
    marked = question.answer
    if question.verify == "value":
        if "answer" not in namespace:
            return f"{question.name}: its evidence sets no `answer`", {}
        real = str(namespace["answer"])
        matching = [letter for letter, text in question.options.items() if plain(text) == real]
        if matching != [marked]:
            return (
                f"{question.name}: the evidence gives {real!r} but option {marked} "
                f"({plain(question.options[marked])!r}) "
                f"is marked; options matching the evidence: {matching or 'none'}"
            ), {"answer": real}
        return "", {"answer": real}
    if question.verify == "runs":
        outcomes = {str(k): str(v) for k, v in namespace.get("outcomes", {}).items()}
        if set(outcomes) != set(question.options):
            return (
                f"{question.name}: its evidence's `outcomes` cover {sorted(outcomes)}, "
                f"not the options {sorted(question.options)}",
                {},
            )
        facts = {"outcomes": outcomes}
        if outcomes[marked] != "runs":
            return f"{question.name}: option {marked} is marked but its run gives {outcomes[marked]!r}", facts
        for letter, error in question.fails_with.items():
            if not outcomes[letter].startswith(f"{error}:"):
                return (
                    f"{question.name}: option {letter} should fail with {error} but its run gives {outcomes[letter]!r}",
                    facts,
                )
        candidates = namespace.get("candidates")
        if candidates is not None and candidates != {letter: plain(text) for letter, text in question.options.items()}:
            return f"{question.name}: the lines its evidence runs are not the options' lines: {candidates}", facts
        return "", facts
    return "", {}


def evidence_fence(question: Question) -> pages.Fence:
    """The question's evidence as the page's block (expanded, with origins), for the tests to run alone."""
    options = f'exec="on" source="tabbed-right" session="{session(question)}" id="{question.evidence_block}"'
    text = f'```python {options}\n--8<-- "{question.evidence}"\n```\n'
    return pages.read_fences(text, f"docs/{question.page}")[0]


def session(question: Question) -> str:
    return f"quiz-{question.page.removesuffix('.md').replace('/', '-')}-{question.id}"


def run_evidence(question: Question) -> tuple[dict, str, str]:
    """Run a question's evidence alone, as the build does: its namespace, what it printed, and any problem."""
    execution.use_figures()
    fence = evidence_fence(question)
    namespace = execution.namespace_for(session(question))
    printed = execution.run_code(fence, namespace, question.page).printed
    problem, _ = verify(question, namespace)
    if not printed.strip():
        problem = problem or f"{question.name}: its evidence prints nothing into the solution"
    return namespace, printed, problem
