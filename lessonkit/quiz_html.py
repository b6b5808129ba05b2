"""A ```quiz fence as a pymdownx.superfences custom fence: the question's final HTML, written in one pass.

The page's questions are read (and checked) by the page's run (lessonkit.runner.PageRun.read_questions).
Here a fence's question runs its evidence first, so the options' why-not of a `verify: runs` question
are its real errors, then the whole question converts once, with markdown-exec's converter (its headings
reach the page's table of contents; its evidence block renders as any exec block does).
"""

from __future__ import annotations

import html
import posixpath

import yaml
from markdown_exec import MarkdownConverter

from lessonkit import pages
from lessonkit.quiz import Question, evidence_fence
from lessonkit.runner import BUILD, evidence_markdown


def format_quiz(source, language, css_class, options, md, **kwargs) -> str:
    """The superfences formatter of ```quiz: "" for a question the page's run rejected (its error is recorded)."""
    run = BUILD.current
    try:
        wanted = (yaml.safe_load(source) or {}).get("id")
    except (yaml.YAMLError, AttributeError):
        return ""
    q = run.questions.get(wanted) if run is not None else None
    if q is None:
        return ""
    if BUILD.executing:
        run.run_block(evidence_fence(q))  # first: the facts it keeps fill the options' why-not
    text = question_markdown(q, run.facts.get(q.evidence_block, {}), BUILD.executing)
    return MarkdownConverter(md).convert(text, id_prefix="")  # its headings join the page's table of contents


def question_markdown(q: Question, facts: dict, executing: bool = True) -> str:
    """Markdown (md_in_html) for one question: radios, a check button, feedback, a closed solution."""

    def why_not(letter: str) -> str:
        if letter == q.answer:
            return ""
        if q.verify == "runs":
            return attribute(facts.get("outcomes", {}).get(letter, ""))
        return attribute(q.why_not.get(letter, ""))

    options = "\n".join(
        f'<label data-why-not="{why_not(letter)}"><input type="radio" name="{q.id}" value="{letter}"> '
        f"<span>**{letter}.** {text}</span></label>"
        for letter, text in q.options.items()
    )
    code = f'\n```python\n--8<-- "{q.code}"\n```\n' if q.code else ""  # shown, not run: it may raise
    steps = "\n".join(f"{i}. **{step['title']}**  \n    {step['text']}" for i, step in enumerate(q.steps, start=1))
    mistakes = "\n".join(f"- {mistake}" for mistake in q.mistakes)
    lesson = posixpath.join(posixpath.dirname(q.page), "index.md")  # a lesson's pages sit beside it
    title = pages.headings(lesson).get(q.teaches)
    if q.teaches and title is None:
        BUILD.record(q.page, f"{q.name}: `teaches: {q.teaches}`, but {lesson} has no heading with that id")
    taught = (
        f"\n**Taught in the lesson:** [{html.escape(title or q.teaches)}]({_url(q.page, lesson)}#{q.teaches})\n"
        if q.teaches
        else ""
    )
    evidence = evidence_markdown(q)
    if not executing:  # MARKDOWN_EXEC=false: the evidence shows as plain code
        evidence = f'```python\n--8<-- "{q.evidence}"\n```\n'
    data = f'data-answer="{q.answer}" data-difficulty="{q.difficulty}"'
    return f"""<section class="quiz" id="{q.id}" {data} markdown="block">

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

{evidence}
**Final answer:** {q.options[q.answer]} → option {q.answer}

**Quick check:** {q.quick_check}

<p class="quiz-hint" markdown="span">**Hint:** {html.escape(q.hint, quote=False)}</p>

**Common mistakes:**

{mistakes}
{taught}
</details>
</section>
"""


def _url(page: str, lesson: str) -> str:
    """The lesson page's address relative to this page's, as the built site has them ("" on the lesson itself)."""
    if page == lesson:
        return ""
    here, there = (posixpath.dirname(pages.built_html(p)) for p in (page, lesson))
    return posixpath.relpath(there or ".", here or ".").rstrip("/") + "/"


def attribute(text: str) -> str:
    """Text for an HTML attribute inside Markdown: escaped, and no character Markdown would rewrite."""
    return html.escape(text, quote=True).translate({ord(c): f"&#{ord(c)};" for c in "`*_[]\\<>$"})
