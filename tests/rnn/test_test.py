"""The "Test this pattern" page (docs/rnn/test.md): ten new questions, answers confirmed by PyTorch."""

import pytest

from quiz_checks import questions, run_evidence

QUESTIONS = {q.id: q for q in questions("rnn/test.md")}


def test_ten_questions_with_at_least_three_of_each_difficulty():
    assert len(QUESTIONS) == 10
    for level in ("easy", "medium", "hard"):
        assert sum(q.difficulty == level for q in QUESTIONS.values()) >= 3, level


def test_no_practice_question_is_reused_verbatim():
    practice = {q.question for q in questions("rnn/practice.md")}
    assert practice.isdisjoint(q.question for q in QUESTIONS.values())



def test_parameter_count_of_rnn_5_8_is_counted_from_the_module():
    namespace, _ = run_evidence(QUESTIONS["parameter-count"])
    assert namespace["answer"] == 8 * 5 + 8 * 8 + 8 + 8


def test_parameter_count_does_not_depend_on_sequence_length():
    _, printed = run_evidence(QUESTIONS["length-independent"])
    assert printed.count("parameters used: **640**") == 2


def test_batch_first_error_solution_shows_the_real_hidden_size_error():
    _, printed = run_evidence(QUESTIONS["batch-first-error"])
    assert "The code as given raises `RuntimeError: Expected hidden size (1, 10, 8), got [1, 4, 8]`" in printed


def test_default_initial_hidden_state_is_zeros():
    namespace, _ = run_evidence(QUESTIONS["default-h0"])
    assert namespace["answer"] == "All zeros"


@pytest.mark.browser
def test_completing_the_test_gives_the_score_overall_and_per_difficulty(page):
    page.goto("rnn/test/")
    for question in QUESTIONS.values():  # right on easy and medium, wrong on hard
        wrong = next(letter for letter in question.options if letter != question.answer)
        letter = wrong if question.difficulty == "hard" else question.answer
        page.locator(f"#{question.id} input[value='{letter}']").check()
        page.locator(f"#{question.id} .quiz-check").click()
    counts = {level: sum(q.difficulty == level for q in QUESTIONS.values()) for level in ("easy", "medium", "hard")}
    right = counts["easy"] + counts["medium"]
    assert page.locator(".quiz-score").inner_text() == (
        f"Finished. Score: {right}/10 (easy {counts['easy']}/{counts['easy']}, "
        f"medium {counts['medium']}/{counts['medium']}, hard 0/{counts['hard']})"
    )
    page.reload()
    assert page.locator(".quiz-score").inner_text().startswith(f"Finished. Score: {right}/10")
