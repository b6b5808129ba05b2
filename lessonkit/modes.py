"""The learning modes: what each is for, and the pages generated for them from what the lessons declare.

A lesson's questions (its model quiz, practice and test pages), its key insight and its results are all
the modes need: flashcards and a cheat sheet per lesson, one review page and one mixed quiz across the
lessons. Nothing here names a lesson; hooks/modes.py adds the pages to the build.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import zip_longest

from lessonkit import pages, quiz, quiz_html

# (mode, one-line purpose), in the order the home page offers them; the first eight are per lesson.
MODES = {
    "learn": ("Learn", "Read the lesson: every shape, number and plot is printed by code run at build time."),
    "model-quiz": ("Model quiz", "The lesson page's own questions, with progress, a score and a reset of their own."),
    "practice": ("Practice", "Questions with step-by-step solutions, open to retries."),
    "test": ("Test", "An exam: solutions stay locked until you answer, and the score comes at the end."),
    "notebook": ("Notebook", "The lesson as a Jupyter notebook, to run and change yourself."),
    "predict": ("Predict, then run", "Say what a block prints before its output is shown."),
    "flashcards": ("Flashcards", "The lesson's key facts as cards to flip."),
    "cheatsheet": ("Cheat sheet", "One printable page of the shapes, formulas and results the lesson computed."),
    "review": ("Review", "The questions you missed, brought back after 1, 3 and 7 days."),
    "mixed": ("Mixed quiz", "Questions drawn from every lesson, interleaved, scored."),
}
MIXED_PER_LESSON = 4  # the mixed quiz takes this many questions from each lesson, interleaved
GENERATED = {"flashcards": "flashcards.md", "cheatsheet": "cheatsheet.md"}  # per lesson, beside its pages
REVIEW_PAGE, MIXED_PAGE = "review.md", "mixed.md"
PREDICT = re.compile(r'^(```+python [^\n]*?)\s+predict="(\w+)"([^\n]*)$', re.M)
PREDICT_KINDS = {"shape": "the shape it prints", "value": "the value it prints", "output": "what it prints"}


def purpose(mode: str) -> str:
    return MODES[mode][1]


NOSCRIPT = (
    '<noscript><p class="modes-noscript">Checking answers, scores, progress and predictions need JavaScript. '
    "Without it, every question, solution and output is here to read.</p></noscript>"
)


def purpose_line(mode: str) -> str:
    """The one line saying what a mode is for, at the top of its page (and what needs a script there)."""
    title, text = MODES[mode]
    line = f'<p class="mode-purpose" data-mode="{mode}"><strong>{title}:</strong> {html.escape(text)}</p>'
    return line + ("\n" + NOSCRIPT if mode in ("learn", "model-quiz", "practice", "test", "mixed") else "")


@dataclass
class Source:
    """A question with where it comes from: the page that asks it and the lesson it belongs to."""

    lesson: pages.Lesson
    page: pages.Page
    question: quiz.Question

    @property
    def key(self) -> str:  # the page's key (its src_uri) and the question's id: one id across the site
        return f"{self.page.src_uri}#{self.question.id}"

    @property
    def html_id(self) -> str:
        return re.sub(r"[^\w-]", "-", self.page.src_uri.removesuffix(".md")) + "-" + self.question.id


def questions(lesson: pages.Lesson) -> list[Source]:
    """Every question a lesson asks: its model quiz, then practice, then test."""
    found = []
    for page in filter(None, [lesson.page, lesson.practice, lesson.test]):
        text = page.text
        if "```quiz" in text:
            for q in quiz.parse(text, page.src_uri, errors=[]):  # a bad question fails the build on its own page
                try:
                    quiz.check_snippets(q)  # one whose snippet is missing too: copied here, it would only crash
                except quiz.QuizError:
                    continue
                found.append(Source(lesson, page, q))
    return found


def predict_marks(markdown: str) -> tuple[str, int]:
    """Exec fences an author marked `predict="shape"` (or value, output): the option taken off the fence
    (markdown-exec knows no such option) and a prompt placed before it, which modes.js turns into the
    prediction form. Without JavaScript the prompt stays a sentence and the output shows."""
    count = 0

    def mark(match: re.Match) -> str:
        nonlocal count
        count += 1
        kind = match[2] if match[2] in PREDICT_KINDS else "output"
        prompt = (
            f'<p class="predict-prompt" id="predict-{count}" data-predict="{kind}"><strong>Predict, then run:</strong> '
            f"before you read the Result, write down {PREDICT_KINDS[kind]}.</p>\n\n"
        )
        return prompt + match[1] + match[3]

    return PREDICT.sub(mark, markdown), count


SHAPE = re.compile(r"\(\s*\d+(?:\s*,\s*\d+)*\s*,?\s*\)|Size\(\[\s*\d+(?:\s*,\s*\d+)*\s*\]\)")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def check_predictions(soup, page: str) -> list[str]:
    """A predict block must have a Result tab that prints what it asks for: a shape, or a number."""
    problems = []
    for prompt in soup.select(".predict-prompt"):
        where = f"{page}: the predict block after #{prompt.get('id')}"
        tabs = prompt.find_next_sibling()
        labels = [label.get_text().strip() for label in tabs.select(".tabbed-labels label")] if tabs else []
        if "Result" not in labels:
            problems.append(f'{where} has no Result tab to hide (use source="tabbed-right")')
            continue
        printed = tabs.select(".tabbed-content > .tabbed-block")[labels.index("Result")].get_text()
        kind = prompt.get("data-predict")
        if (kind == "shape" and not SHAPE.search(printed)) or (kind == "value" and not NUMBER.search(printed)):
            problems.append(f"{where} asks for a {kind}, but its Result prints none")
    return problems


def _page_url(src_uri: str, from_uri: str) -> str:
    """A Markdown link from one page to another (MkDocs resolves and checks it)."""
    import os.path

    return os.path.relpath(src_uri, os.path.dirname(from_uri) or ".").replace(os.sep, "/")


def question_markdown(source: Source, here: str, scope: str) -> str:
    """A question for a generated page (review, mixed quiz): options, check, why-not, a closed solution
    that links to the real run on the question's own page. The classes are the ones quiz.js reads."""
    q = source.question
    qid = source.html_id
    lesson_nav = html.escape(source.lesson.nav)
    where = "model quiz" if source.page == source.lesson.page else source.page.src_uri.rsplit("/", 1)[-1][:-3]

    def why_not(letter: str) -> str:
        if letter == q.answer:
            return ""
        if q.verify == "runs":  # the error its own run raised, filled in by hooks/modes.py
            return f"@@modes-why-not:{source.page.src_uri}:{q.id}:{letter}@@"
        return _attribute((q.why_not or {}).get(letter, ""))

    options = "\n".join(
        f'<label data-why-not="{why_not(letter)}"><input type="radio" name="{qid}" value="{letter}"> '
        f"<span>**{letter}.** {text}</span></label>"
        for letter, text in q.options.items()
    )
    code = f'\n```python\n--8<-- "{q.code}"\n```\n' if q.code else ""
    steps = "\n".join(f"{i}. **{step['title']}**  \n    {step['text']}" for i, step in enumerate(q.steps, start=1))
    origin = _page_url(source.page.src_uri, here)
    return f"""
<section class="quiz" id="{qid}" data-answer="{q.answer}" data-difficulty="{q.difficulty}"
data-question-key="{source.key}" data-lesson="{html.escape(source.lesson.folder)}" markdown="block">

## {lesson_nav}, {where} question {q.number} {{: #{qid}-title }}

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

**Final answer:** {q.options[q.answer]} → option {q.answer}

**Quick check:** {q.quick_check}

<p class="quiz-hint" markdown="span">**Hint:** {html.escape(q.hint, quote=False)}</p>

The real run that proves it is in [this question on its page]({origin}#{q.id}-title) ({scope}).
</details>
</section>
"""


def _attribute(text: str) -> str:
    return quiz_html.attribute(text)  # the question pages' own escaping: one rule for every copy of a question


def review_page(lessons: list[pages.Lesson]) -> str:
    sources = [s for lesson in lessons for s in questions(lesson)]
    body = "\n".join(question_markdown(s, REVIEW_PAGE, f"{s.lesson.nav}") for s in sources)
    return f"""---
hide: [toc]
---

# Review

{purpose_line("review")}

<div class="review-status" markdown="block">
<p class="review-due" aria-live="polite">Review picks the questions you missed on any lesson's pages and
needs JavaScript to do it. Without it, here are all {len(sources)} questions of the site.</p>
</div>

<div class="review-questions" markdown="block">
{body}
</div>
"""


def mixed_sources(lessons: list[pages.Lesson]) -> list[Source]:
    """Up to MIXED_PER_LESSON questions of each lesson (test first, then practice), interleaved."""
    picks = []
    for lesson in lessons:
        mine = questions(lesson)
        ordered = [s for s in mine if s.page == lesson.test] + [s for s in mine if s.page == lesson.practice]
        picks.append(ordered[:MIXED_PER_LESSON])
    return [s for row in zip_longest(*picks) for s in row if s is not None]


def mixed_page(lessons: list[pages.Lesson]) -> str:
    sources = mixed_sources(lessons)
    body = "\n".join(question_markdown(s, MIXED_PAGE, s.lesson.nav) for s in sources)
    return f"""# Mixed quiz

{purpose_line("mixed")}

{len(sources)} questions, taken in turn from each lesson's test and practice. Your first checked answer
to each is the one the score counts; the score is at the end.

<div class="quiz-progress"><p class="quiz-progress-text" aria-live="polite">Progress: (0/{len(sources)})</p>
<button type="button" class="md-button quiz-reset" hidden>Reset progress</button></div>

{body}

<p class="quiz-score" aria-live="polite"></p>
"""


def flashcards_page(lesson: pages.Lesson) -> str:
    cards = list(dict.fromkeys((s.question.hint, s.question.quick_check) for s in questions(lesson)))
    items = "\n".join(
        f'<details class="flashcard" markdown="block">\n<summary markdown="span">{front}</summary>\n\n'
        f"{back}\n\n</details>"
        for front, back in cards
    )
    return f"""# Flashcards

{purpose_line("flashcards")}

<p class="flashcards-help">Read the front of each card, say the answer, then open it. {len(cards) + 1} cards:
the key insight, then each question's hint with its quick check.</p>

<details class="flashcard" markdown="block">
<summary>What is this lesson's key insight?</summary>

<!-- modes:key-insight -->

</details>

{items}
"""


def cheatsheet_page(lesson: pages.Lesson) -> str:
    checks = "\n".join(f"- {s.question.quick_check}" for s in questions(lesson))
    return f"""# Cheat sheet

{purpose_line("cheatsheet")}

<!-- modes:results -->

## Quick checks

{checks}
"""
