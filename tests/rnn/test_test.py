"""The "Test this pattern" page (docs/rnn/test.md): ten new questions, answers confirmed by PyTorch."""

import re
from collections import Counter

import pytest
from quiz_checks import questions, run_evidence

QUESTIONS = {q.id: q for q in questions("rnn/test.md")}


def test_no_practice_question_is_reused_verbatim():
    practice = {q.question for q in questions("rnn/practice.md")}
    assert practice.isdisjoint(q.question for q in QUESTIONS.values())


def test_the_key_is_balanced_no_letter_over_four_of_ten_and_every_letter_right_once():
    counts = Counter(q.answer for q in QUESTIONS.values())
    assert set(counts) == {"A", "B", "C", "D"}
    assert max(counts.values()) <= 4, counts


def test_every_wrong_option_says_why_it_is_wrong_except_where_the_evidence_run_says_it():
    for question in QUESTIONS.values():
        wrong = set(question.options) - {question.answer}
        assert set(question.why_not or {}) == (set() if question.verify == "runs" else wrong), question.id


def test_parameter_count_of_rnn_3_7_is_counted_from_the_module():
    namespace, _ = run_evidence(QUESTIONS["parameter-count"])
    assert namespace["answer"] == 7 * 3 + 7 * 7 + 7 + 7


def test_default_initial_hidden_state_is_zeros():
    namespace, _ = run_evidence(QUESTIONS["default-h0"])
    assert namespace["answer"] == "All zeros"


def test_clipping_scales_the_gradient_to_max_norm_keeping_its_direction():
    namespace, _ = run_evidence(QUESTIONS["clip-norm"])
    assert namespace["before"].item() == pytest.approx(10.0)
    assert namespace["after"].item() == pytest.approx(2.0)
    assert namespace["w"].grad.tolist() == pytest.approx([1.2, 1.6])


def test_a_sum_of_steps_gives_the_same_scores_on_reversed_sequences():
    namespace, _ = run_evidence(QUESTIONS["order-blind-reversed"])
    assert namespace["gap"] < 1e-5


def test_backward_final_state_is_at_step_0_of_the_second_half():
    namespace, _ = run_evidence(QUESTIONS["backward-last-step"])
    assert namespace["matches"] == ["output[0, :, 6:]"]


def test_five_times_the_recurrent_weights_make_the_gradient_grow_over_20_steps():
    namespace, _ = run_evidence(QUESTIONS["recurrent-scale"])
    assert (namespace["first"] / namespace["last"]).item() > 10


def test_quick_check_holds_default_weights_shrink_five_times_grow_fifty_times_vanish_again():
    namespace, printed = run_evidence(QUESTIONS["recurrent-scale"])
    assert namespace["saturated_ratio"] < namespace["default_ratio"] < 1 < namespace["ratio"]
    assert f"`{namespace['saturated_ratio']:.1e}`" in printed


def test_memory_question_evidence_shows_the_longer_budget_leaving_chance_alone():
    namespace, printed = run_evidence(QUESTIONS["memory-budget"])
    short, long = namespace["accuracy"][8], namespace["accuracy"][40]
    assert abs(short - 1 / 3) <= 0.10 < long - 1 / 3
    assert re.findall(r"\*\*([\d.]+)\*\*", printed) == [f"{short:.2f}", f"{long:.2f}"]


def choose_and_check(page, question_id: str, letter: str | None) -> str:
    """Choose an option (or none) of a question, press Check, and return the feedback."""
    if letter:
        page.locator(f"#{question_id} .quiz-options input[value='{letter}']").check()
    page.locator(f"#{question_id} .quiz-check").click()
    return page.locator(f"#{question_id} .quiz-feedback").inner_text()


@pytest.mark.browser
def test_the_exam_score_counts_each_questions_one_answer_through_a_full_run(page):
    """A known mix in the exam: easy and hard answered right, medium wrong; each takes one answer."""
    page.goto("rnn/test/")
    for question in QUESTIONS.values():
        wrong = next(letter for letter in question.options if letter != question.answer)
        choose_and_check(page, question.id, None)  # nothing chosen: not recorded
        choose_and_check(page, question.id, wrong if question.difficulty == "medium" else question.answer)
        assert page.locator(f"#{question.id} .quiz-options input").first.is_disabled(), question.id
    counts = {level: sum(q.difficulty == level for q in QUESTIONS.values()) for level in ("easy", "medium", "hard")}
    right = counts["easy"] + counts["hard"]
    score = (
        f"Finished. Score: {right}/{len(QUESTIONS)} (easy {counts['easy']}/{counts['easy']}, "
        f"medium 0/{counts['medium']}, hard {counts['hard']}/{counts['hard']})"
    )
    assert page.locator(".quiz-score").inner_text() == score
    progress = f"Progress: ({len(QUESTIONS)}/{len(QUESTIONS)}) answered"
    assert page.locator(".quiz-progress-text").first.inner_text() == progress
    page.reload()
    assert page.locator(".quiz-score").inner_text() == score
