"""Render ```quiz fences (YAML questions) as accessible multiple-choice questions; reject malformed ones.

The tests read questions through `parse_questions` too, so the page and its checks share one parser.
A question's `evidence` is a snippet that runs at build time inside its solution: for a `verified`
question it computes the fact the marked answer claims (tests compare the two); for a `conceptual`
one it prints the lesson result the solution cites.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

DIFFICULTIES = ("easy", "medium", "hard")
KINDS = ("verified", "conceptual")
REQUIRED = ("id", "difficulty", "kind", "evidence", "question", "options", "answer", "steps", "quick_check", "hint", "mistakes")
FENCE = re.compile(r"^```quiz\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass
class Question:
    number: int
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
    code: str | None = None  # snippet path[:section] shown with the question
    verify: str | None = None  # verified only: "value" (snippet's `answer`) or "runs" (its `outcomes`)
    fails_with: dict[str, str] | None = None  # verify: runs: the error each wrong option ends in
    why_not: dict[str, str] | None = None  # each wrong option: one line on why it is wrong (the feedback)


class QuizError(PluginError):
    pass


def parse_questions(markdown: str, page: str) -> list[Question]:
    """Every ```quiz fence of a page, validated; a QuizError names the page and the question."""
    questions = []
    for number, match in enumerate(FENCE.finditer(markdown), start=1):
        data = yaml.safe_load(match.group(1)) or {}
        name = f"{page}: question {number} ('{data.get('id', 'no id')}')"
        missing = [key for key in REQUIRED if key not in data]
        if missing:
            raise QuizError(f"{name}: missing {', '.join(missing)}")
        unknown = set(data) - set(Question.__dataclass_fields__)
        if unknown:
            raise QuizError(f"{name}: unknown field(s) {', '.join(sorted(unknown))}")
        if data["kind"] not in KINDS:
            raise QuizError(f"{name}: kind is {data['kind']!r}, must be one of {', '.join(KINDS)}")
        if data["difficulty"] not in DIFFICULTIES:
            raise QuizError(f"{name}: difficulty is {data['difficulty']!r}, must be one of {', '.join(DIFFICULTIES)}")
        options = {str(letter): str(text) for letter, text in data["options"].items()}
        answer = str(data["answer"]).strip()
        if answer not in options:
            raise QuizError(f"{name}: the marked answer {answer!r} must be exactly one of the options {', '.join(options)}")
        if (data["kind"] == "verified") != (data.get("verify") in ("value", "runs")):
            raise QuizError(f"{name}: a verified question needs `verify: value` or `verify: runs`, a conceptual one none")
        wrong = set(options) - {answer}
        if data.get("verify") == "runs" and set(data.get("fails_with") or {}) != wrong:
            raise QuizError(f"{name}: `verify: runs` needs `fails_with` for exactly the options {', '.join(sorted(wrong))}")
        why_not = {str(letter): str(text) for letter, text in (data.get("why_not") or {}).items()} or None
        questions.append(Question(number=number, **{**data, "options": options, "answer": answer, "why_not": why_not}))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise QuizError(f"{page}: question ids repeat: {ids}")
    if "<!-- quiz-progress -->" in markdown:  # a practice or test page: feedback per option, a fair key
        check_why_not(questions, page)
        check_balance(questions, page)
    return questions


# -- Feedback per wrong option and a balanced key (pages with a progress line: practice, test) -----


def check_why_not(questions: list[Question], page: str) -> None:
    """Every wrong option says why it is wrong; `verify: runs` takes that from its evidence run instead."""
    for q in questions:
        name = f"{page}: question {q.number} ('{q.id}')"
        given, wrong = set(q.why_not or {}), set(q.options) - {q.answer}
        if q.verify == "runs":
            if given:
                raise QuizError(f"{name}: `verify: runs` takes why_not from its evidence run: do not type it")
        elif given != wrong:
            missing, extra = sorted(wrong - given), sorted(given - wrong)
            raise QuizError(f"{name}: why_not must cover exactly the wrong options {', '.join(sorted(wrong))}"
                            + (f"; missing {', '.join(missing)}" if missing else "")
                            + (f"; not wrong: {', '.join(extra)}" if extra else ""))


def check_balance(questions: list[Question], page: str) -> None:
    """On 5+ questions no letter is correct in more than 40%; on 10+ every letter is correct at least once."""
    if len(questions) < 5:
        return
    letters = sorted({letter for q in questions for letter in q.options})
    counts = {letter: sum(q.answer == letter for q in questions) for letter in letters}
    over = [f"{letter} is correct in {n} of {len(questions)}" for letter, n in counts.items() if n > 0.4 * len(questions)]
    never = [letter for letter, n in counts.items() if n == 0] if len(questions) >= 10 else []
    if over or never:
        problems = over + ([f"{', '.join(never)} never correct"] if never else [])
        raise QuizError(f"{page}: the marked answers are unbalanced: {'; '.join(problems)} "
                        "(at most 40% per letter; on 10 questions every letter at least once)")


def check_snippet(reference: str, base: Path, name: str) -> None:
    """A question's snippet (path or path:section) must exist, or the question points at nothing."""
    path, _, section = reference.partition(":")
    if not (base / path).is_file():
        raise QuizError(f"{name}: its check {reference!r} points at a missing file snippets/{path}")
    if section and f"[start:{section}]" not in (base / path).read_text():
        raise QuizError(f"{name}: its check {reference!r} points at a missing section of snippets/{path}")


def _fence(reference: str, session: str, block_id: str) -> str:
    return f'```python exec="on" source="tabbed-right" session="{session}" id="{block_id}"\n--8<-- "{reference}"\n```'


def _attribute(text: str) -> str:
    """Text for an HTML attribute inside Markdown: escaped, and no character Markdown would rewrite."""
    return html.escape(text, quote=True).translate({ord(c): f"&#{ord(c)};" for c in "`*_[]\\<>"})


def render(q: Question, session: str) -> str:
    """Markdown (with md_in_html) for one question: radios, a check button, feedback, a closed solution."""
    why_not = {**(q.why_not or {}), q.answer: ""}  # the feedback for each wrong option; none for the marked one
    options = "\n".join(
        f'<label data-why-not="{_attribute(why_not.get(letter, ""))}"><input type="radio" name="{q.id}" '
        f'value="{letter}"> <span>**{letter}.** {text}</span></label>'
        for letter, text in q.options.items()
    )
    code = f'\n```python\n--8<-- "{q.code}"\n```\n' if q.code else ""  # shown, not run: it may raise
    steps = "\n".join(f"{i}. **{step['title']}**  \n    {step['text']}" for i, step in enumerate(q.steps, start=1))
    mistakes = "\n".join(f"- {mistake}" for mistake in q.mistakes)
    return f"""
<section class="quiz" id="{q.id}" data-answer="{q.answer}" data-difficulty="{q.difficulty}" markdown="block">

## Question {q.number} {{: #{q.id}-title }}

<span class="quiz-difficulty quiz-{q.difficulty}">{q.difficulty}</span>

{q.question.strip()}
{code}
<fieldset class="quiz-options" markdown="block">
<legend>Choose one answer</legend>
{options}
</fieldset>

<button type="button" class="md-button quiz-check" hidden>Check answer</button>
<p class="quiz-feedback" aria-live="polite"></p>

<details class="quiz-solution" markdown="block">
<summary>Solution</summary>

{steps}

{_fence(q.evidence, session, q.id + '-evidence')}

**Final answer:** {q.options[q.answer]} → option {q.answer}

**Quick check:** {q.quick_check}

<p class="quiz-hint" markdown="span">**Hint:** {html.escape(q.hint, quote=False)}</p>

**Common mistakes:**

{mistakes}

</details>
</section>
"""


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "```quiz" not in markdown:
        return markdown
    page_name = page.file.src_uri
    questions = parse_questions(markdown, page_name)
    base = Path(config.mdx_configs["pymdownx.snippets"]["base_path"][0])
    for q in questions:
        name = f"{page_name}: question {q.number} ('{q.id}')"
        for reference in filter(None, [q.evidence, q.code]):
            check_snippet(reference, base, name)
    session = "quiz-" + page_name.removesuffix(".md").replace("/", "-")
    rendered = iter(render(q, session) for q in questions)
    total = len(questions)
    progress = (  # the buttons need JavaScript, which unhides them
        f'<div class="quiz-progress"><p class="quiz-progress-text" aria-live="polite">Progress: (0/{total})</p>'
        '<button type="button" class="md-button quiz-reset" hidden>Reset progress</button></div>\n'
    )
    body = FENCE.sub(lambda _: next(rendered), markdown)
    return body.replace("<!-- quiz-progress -->", progress).replace(
        "<!-- quiz-score -->", '<p class="quiz-score" aria-live="polite"></p>'
    )
