"""The rules every quiz page obeys, on made-up pages: why-not lines for wrong options, and a balanced key."""

import re

import pytest

from lessonkit import quiz

PAGE = "lesson/test.md"


def question(n: int, letter: str, **fields) -> str:
    why_not = ", ".join(f"{other}: no" for other in "ABCD" if other != letter)
    data = {
        "id": f"q{n}",
        "difficulty": "easy",
        "kind": "conceptual",
        "evidence": "x.py",
        "question": f"Question {n}?",
        "options": "{A: a, B: b, C: c, D: d}",
        "answer": letter,
        "why_not": f"{{{why_not}}}",
        "steps": "[{title: t, text: t}]",
        "quick_check": "q",
        "hint": "h",
        "mistakes": "[m]",
        "teaches": "a-section",
        **fields,
    }
    return "```quiz\n" + "".join(f"{key}: {value}\n" for key, value in data.items() if value is not None) + "```"


def page_with_key(key: str, **fields) -> str:
    """A practice/test page (it has a progress line) with one question per letter of `key`, marked so."""
    return "<!-- quiz-progress -->\n\n" + "\n\n".join(question(n, letter, **fields) for n, letter in enumerate(key, 1))


def parse(text: str) -> list[quiz.Question]:
    questions = quiz.parse(text, PAGE, require_why_not="<!-- quiz-progress -->" in text)
    quiz.check_page(questions, PAGE)
    return questions


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("BBBBBAACCD", "B (5 of 10) is correct in more than 40%"),
        ("ABCABCABCA", "no question has D"),
        ("AAABC", "A (3 of 5)"),
    ],
)
def test_an_unbalanced_key_is_rejected_naming_the_page(key, problem):
    with pytest.raises(quiz.QuizError, match=rf"^{PAGE}: .*{re.escape(problem)}"):
        parse(page_with_key(key))


@pytest.mark.parametrize("key", ["BADCBADCBA", "AABBC", "AAAA"])
def test_a_balanced_key_or_a_short_page_is_accepted(key):
    assert [q.answer for q in parse(page_with_key(key))] == list(key)


@pytest.mark.parametrize(
    ("why_not", "message"),
    [
        ("{A: no, C: no}", "why_not must give one line for exactly the wrong options A, C, D"),
        ("{A: no, B: yes, C: no, D: no}", "why_not must give one line for exactly the wrong options A, C, D"),
    ],
    ids=["a-wrong-option-without-why-not", "why-not-for-the-marked-answer"],
)
def test_a_why_not_that_does_not_match_the_wrong_options_is_rejected(why_not, message):
    with pytest.raises(quiz.QuizError, match=rf"^{PAGE}: question 1 \('q1'\): {message}"):
        parse(page_with_key("B", why_not=why_not))


def test_why_not_is_not_typed_on_a_verify_runs_question():
    text = page_with_key("B", kind="verified", verify="runs", fails_with="{A: E, C: E, D: E}")
    with pytest.raises(quiz.QuizError, match="takes each wrong option's why_not from its evidence run"):
        parse(text)


def test_the_schema_requires_every_field_without_a_default():
    assert {"id", "kind", "evidence", "options", "answer", "hint"} <= set(quiz.REQUIRED)
    with pytest.raises(quiz.QuizError, match=r"question 1 \('q1'\): missing hint"):
        parse(page_with_key("B", hint=None))


def test_invalid_yaml_names_the_page_files_own_line():
    text = "---\nfront: matter\n---\n\n" + page_with_key("B").replace("id: q1\n", "id: q1\ndifficulty: [unclosed\n")
    line = text.splitlines().index("difficulty: [unclosed") + 1
    markdown = text.split("---\n", 2)[2]  # MkDocs hands the page over without its front matter
    with pytest.raises(quiz.QuizError, match=rf"^docs/{PAGE}:{line}: question 1: invalid YAML"):
        quiz.parse(markdown, PAGE, source=text)
