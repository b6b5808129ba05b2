"""Claims: a sentence that states a result carries a Python expression the build evaluates against the run.

Prose: `<!-- claim: EXPR -->` right after the sentence, evaluated in the session namespace of the
nearest exec block above it on the page. Questions: `claims:` in the quiz YAML (lessonkit.quiz),
evaluated in the evidence's namespace. One evaluator for both: a claim that is false or raises is a
message naming the page, the line or question, and the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lessonkit import pages

MARKER = re.compile(r"<!--\s*claim:\s*(?P<expr>.*?)\s*-->", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=\S)")
_QUIZ = re.compile(r"^```quiz\n.*?^```[ \t]*$", re.M | re.S)
_MARKUP = re.compile(r"[*_`]|<[^>]+>")


@dataclass
class Claim:
    expr: str
    line: int  # in the page file
    sentence: str  # the sentence the claim checks, as the reader sees it (markup stripped)
    block: str | None  # the id of the nearest exec block above it
    session: str  # that block's session ("" when it has none)


def sentence_before(text: str, end: int) -> str:
    """The last sentence of the paragraph that ends at `end` (the claim marker's position)."""
    paragraph = re.split(r"\n[ \t]*\n", MARKER.sub("\n\n", text[:end]))[-1]
    pieces = [p for p in _SENTENCE_END.split(" ".join(paragraph.split())) if p.strip()]
    return _MARKUP.sub("", pieces[-1]).strip() if pieces else ""


def find(page_text: str) -> list[Claim]:
    """Every prose claim of a page file, bound to the exec block above it (none above: block is None)."""
    fences = list(pages.FENCE.finditer(page_text))
    code = [(m.start(), m.end()) for m in (*fences, *_QUIZ.finditer(page_text))]
    found = []
    for match in MARKER.finditer(page_text):
        if any(start < match.start() < end for start, end in code):  # inside code or a question: not prose
            continue
        above = [f for f in fences if f.end() <= match.start()]
        options = dict(pages.OPTION.findall(above[-1].group("info"))) if above else {}
        found.append(
            Claim(
                expr=match["expr"],
                line=page_text.count("\n", 0, match.start()) + 1,
                sentence=sentence_before(page_text, match.start()),
                block=options.get("id") if above else None,
                session=options.get("session", ""),
            )
        )
    return found


def evaluate(expr: str, namespace: dict) -> str:
    """ "" if the expression holds in the namespace, else why not (False, or the error it raised)."""
    try:
        value = eval(compile(expr, "<claim>", "eval"), namespace, {})  # a claim reads the run, never writes it
    except Exception as error:
        return f"raised {type(error).__name__}: {error}".splitlines()[0]
    return "" if value else f"is {value!r}"


def problem(where: str, sentence: str, expr: str, namespace: dict) -> str:
    """A failure message for one claim ("" when it holds): where, the sentence, the expression and why."""
    why = evaluate(expr, namespace)
    return f'{where}: the claim `{expr}` {why}, so this sentence is false: "{sentence}"' if why else ""


def strip(markdown: str) -> str:
    """The page without its claim markers: readers (and the notebook) see the sentence only."""
    return MARKER.sub("", markdown)
