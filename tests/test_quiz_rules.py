"""The rules every quiz page obeys, on made-up pages: why-not lines, a balanced key, options that give nothing away."""

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
        "evidence": f"x{n}.py",
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


def parse(text: str, code: dict[str, str] | None = None) -> list[quiz.Question]:
    """The page's questions, as the build takes them: a QuizError names every rule a page breaks."""
    questions = quiz.parse(text, PAGE, require_why_not="<!-- quiz-progress -->" in text)
    quiz.check_page(questions, PAGE)
    problems = quiz.rule_problems(questions, PAGE, code)
    if problems:
        raise quiz.QuizError("\n  ".join(problems))
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


def longest_marked(n: int, letter: str, longest: bool) -> str:
    """A question whose marked option is, or is not, the longest (in rendered text, ticks aside)."""
    options = {other: ("`x`" if other != letter else ("the long one" if longest else "`y`")) for other in "ABCD"}
    return question(n, letter, options="{" + ", ".join(f'{k}: "{v}"' for k, v in options.items()) + "}")


@pytest.mark.parametrize(("longest", "rejected"), [("13", False), ("135", True)], ids=["2-of-5", "3-of-5"])
def test_a_page_whose_marked_option_is_mostly_the_longest_is_rejected(longest, rejected):
    marked = [longest_marked(n, "ABCDA"[n - 1], str(n) in longest) for n in range(1, 6)]
    text = "<!-- quiz-progress -->\n\n" + "\n\n".join(marked)
    if rejected:
        with pytest.raises(quiz.QuizError, match=rf"^{PAGE}: the marked option is the longest in 3 of 5 .*q1, q3, q5"):
            parse(text)
    else:
        parse(text)


def test_the_longest_option_rule_is_for_practice_and_test_pages_only():
    text = "\n\n".join(longest_marked(n, "A", True) for n in (1, 3))
    questions = quiz.parse(text, "lesson/index.md")
    assert quiz.rule_problems(questions, "lesson/index.md") == []


def test_a_tie_for_the_longest_option_gives_nothing_away():
    q = quiz.parse(question(1, "B", options='{A: "`abc`", B: "**abc**", C: a, D: b}'), PAGE)[0]
    assert not quiz.marked_is_longest(q)


@pytest.mark.parametrize(
    "fields",
    [{"question": "Question 2?", "evidence": "x2.py"}, {"question": "Other?", "evidence": "x2.py"}],
    ids=["the-same-question-text", "same-section-same-evidence"],
)
def test_two_questions_that_ask_the_same_thing_are_rejected(fields):
    text = question(1, "A", **fields) + "\n\n" + question(2, "B")
    with pytest.raises(quiz.QuizError, match=r"question 1 \('q1'\) and .* question 2 \('q2'\) ask the same thing"):
        parse(text)


def test_questions_on_two_pages_of_a_lesson_that_ask_the_same_thing_are_rejected():
    first = quiz.parse(question(1, "A"), "lesson/index.md")
    second = quiz.parse(question(1, "B", id="other", question="Other?"), "lesson/practice.md")
    problems = quiz.lesson_problems(first + second, {"a-section": "A section"}, None, "lesson/index.md")
    assert problems == [
        "lesson/index.md: question 1 ('q1') and lesson/practice.md: question 1 ('other') ask the same thing "
        "(`teaches: a-section` and the same evidence): ask something else"
    ]


def test_a_teaching_section_no_question_names_is_rejected_unless_listed_untested():
    questions = quiz.parse(question(1, "A"), "lesson/practice.md")
    headings = {"a-section": "A section", "the-end": "The end", "q1-title": "Question 1"}
    problems = quiz.lesson_problems(questions, headings, None, "lesson/index.md")
    assert problems == [
        "lesson/index.md: the section 'The end' (#the-end) teaches, but no question has `teaches: the-end`: "
        "add one, or list it under `lesson: {untested: ...}` with a reason"
    ]
    assert quiz.lesson_problems(questions, headings, {"the-end": "a summary"}, "lesson/index.md") == []
    stale = quiz.lesson_problems(questions, headings, ["the-end", "gone"], "lesson/index.md")
    assert stale == ["lesson/index.md: `lesson: {untested: [gone]}` names no section of the page"]


@pytest.mark.parametrize(
    ("comment", "names"),
    [("# seq_len=5, input_size=10", "input_size"), ("# answer: (5, 3, 4)", "3, 4, 5")],
    ids=["names-what-only-the-answer-says", "states-the-marked-option"],
)
def test_a_comment_in_question_code_that_states_the_answer_is_rejected(comment, names):
    options = '{A: "`input_size` is wrong", B: "`num_layers` is missing", C: "`(5, 3, 4)`", D: "`hidden` is small"}'
    answer = "A" if "input" in comment else "C"
    text = question(1, answer, options=options)
    with pytest.raises(quiz.QuizError, match=rf"the comment '{re.escape(comment)}' in its code names {names}"):
        parse(text, code={"q1": f"x = 1\n{comment}\ny = 2\n"})
    parse(text, code={"q1": "x = 1  # the layer\n"})
