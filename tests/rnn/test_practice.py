"""The practice page (docs/rnn/practice.md): five questions whose answers real PyTorch runs confirm."""

import re

import pytest
from bs4 import BeautifulSoup

from a11y import assert_no_axe_violations
from quiz_checks import questions, run_evidence

PAGE = "rnn/practice.md"
QUESTIONS = {q.id: q for q in questions(PAGE)}


def test_the_page_has_the_five_practice_questions_easy_to_hard():
    assert [(q.number, q.difficulty) for q in QUESTIONS.values()] == [
        (1, "easy"), (2, "easy"), (3, "medium"), (4, "medium"), (5, "hard")
    ]



def test_q2_only_torch_nn_rnn_runs_and_the_others_fail_as_the_solution_says():
    namespace, printed = run_evidence(QUESTIONS["valid-init"])
    assert namespace["outcomes"] == {
        "A": "runs",
        "B": "AttributeError: module 'torch.nn' has no attribute 'RNNLayer'",
        "C": "AttributeError: module 'torch.nn' has no attribute 'SimpleRNN'",
        "D": "SyntaxError: positional argument follows keyword argument",
    }


def test_q3_marked_option_is_the_real_output_shape():
    question = QUESTIONS["output-shape"]
    namespace, _ = run_evidence(question)
    assert namespace["answer"] == (4, 2, 3)
    assert question.options[question.answer] == "`(4, 2, 3)`"


def test_q4_solution_shows_the_real_error_and_only_the_marked_fix_runs():
    namespace, printed = run_evidence(QUESTIONS["input-size-error"])
    message = "input.size(-1) must be equal to input_size. Expected 8, got 10"
    assert f"The code as given raises `RuntimeError: {message}`" in printed
    assert [letter for letter, outcome in namespace["outcomes"].items() if outcome == "runs"] == ["A"]


def test_built_solutions_show_the_evidence_as_pytorch_printed_it(built_site):
    page = BeautifulSoup((built_site / "rnn" / "practice" / "index.html").read_text(), "html.parser")
    solution = page.select_one("#input-size-error .quiz-solution").get_text()
    assert "RuntimeError: input.size(-1) must be equal to input_size. Expected 8, got 10" in solution
    assert "(4, 2, 3)" in page.select_one("#output-shape .quiz-solution").get_text()


def test_built_page_shows_progress_out_of_five(built_site):
    page = BeautifulSoup((built_site / "rnn" / "practice" / "index.html").read_text(), "html.parser")
    assert page.select_one(".quiz-progress-text").get_text() == "Progress: (0/5)"


def test_without_javascript_the_answer_is_only_inside_the_closed_solution(built_site):
    page = BeautifulSoup((built_site / "rnn" / "practice" / "index.html").read_text(), "html.parser")
    for question in QUESTIONS.values():
        section = page.select_one(f"section#{question.id}")
        solution = section.select_one("details.quiz-solution")
        assert solution is not None and not solution.has_attr("open")
        outside = section.get_text().replace(solution.get_text(), "")
        assert not re.search(r"Final answer|→ option", outside)
        assert f"→ option {question.answer}" in solution.get_text()
        options = section.select(".quiz-options input")
        assert [(i["type"], i["value"]) for i in options] == [("radio", letter) for letter in question.options]
        assert all(i.find_parent("label") for i in options)


# -- In a real browser ------------------------------------------------------------------------------


def answer(page, question_id: str, letter: str) -> str:
    """Choose an option of a question, check it, and return the feedback."""
    page.locator(f"#{question_id} input[value='{letter}']").check()
    page.locator(f"#{question_id} .quiz-check").click()
    return page.locator(f"#{question_id} .quiz-feedback").inner_text()


@pytest.mark.browser
def test_q3_right_answer_says_correct_and_opens_the_solution(page):
    page.goto("rnn/practice/")
    assert answer(page, "output-shape", "C") == "Correct."
    assert page.locator("#output-shape .quiz-solution").get_attribute("open") is not None
    assert page.locator("#output-shape .quiz-solution").get_by_text("(4, 2, 3)").first.is_visible()


@pytest.mark.browser
def test_q3_wrong_answer_says_not_quite_with_the_hint(page):
    page.goto("rnn/practice/")
    hint = QUESTIONS["output-shape"].hint
    assert answer(page, "output-shape", "B") == f"Not quite. Hint: {hint}"
    assert page.locator("#output-shape .quiz-feedback").get_attribute("aria-live") == "polite"
    assert page.locator("#output-shape .quiz-solution").get_attribute("open") is not None


@pytest.mark.browser
def test_progress_survives_a_reload_and_reset_clears_it(page):
    page.goto("rnn/practice/")
    answer(page, "output-shape", "C")
    answer(page, "valid-init", "B")
    assert page.locator(".quiz-progress-text").inner_text() == "Progress: (2/5), 1 correct"
    page.reload()
    assert page.locator(".quiz-progress-text").inner_text() == "Progress: (2/5), 1 correct"
    assert page.locator("#output-shape input[value='C']").is_checked()
    assert page.locator("#valid-init .quiz-feedback").inner_text().startswith("Not quite.")
    page.locator(".quiz-reset").click()
    assert page.locator(".quiz-progress-text").inner_text() == "Progress: (0/5), 0 correct"
    page.reload()
    assert not page.locator("#output-shape input[value='C']").is_checked()
    assert page.locator("#output-shape .quiz-feedback").inner_text() == ""


@pytest.mark.browser
def test_a_question_can_be_answered_by_keyboard_alone_with_visible_focus(page):
    page.goto("rnn/practice/")
    for _ in range(300):  # Tab through the page until the first option of question 3 has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "output-shape":
            break
    else:
        pytest.fail("Tab never reached question 3's options")
    page.keyboard.press("Space")  # select A
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # arrows move the choice: C
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.locator("#output-shape .quiz-feedback").inner_text() == "Correct."


@pytest.mark.browser
def test_without_javascript_the_solution_is_readable_on_request(browser, served_site):
    context = browser.new_context(base_url=served_site, java_script_enabled=False)
    page = context.new_page()
    page.goto("rnn/practice/")
    final = page.locator("#output-shape .quiz-solution").get_by_text("Final answer:")
    assert page.locator("#output-shape .quiz-options label").count() == 4
    assert not final.is_visible()
    page.locator("#output-shape .quiz-solution summary").click()
    assert final.is_visible()
    assert not page.locator("#output-shape .quiz-check").is_visible()  # a button that would do nothing
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_questions_have_no_axe_violations(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("rnn/practice/")
    for letter, question in zip("BA", QUESTIONS.values()):  # one right, one wrong, solutions open
        answer(page, question.id, letter)
    assert_no_axe_violations(page)
