"""The practice page (docs/rnn/practice.md): five questions whose answers real PyTorch runs confirm."""

import re

import pytest
from a11y import assert_no_axe_violations
from bs4 import BeautifulSoup
from quiz_checks import plain, questions, run_evidence

from conftest import ROOT

PAGE = "rnn/practice.md"
QUESTIONS = {q.id: q for q in questions(PAGE)}


def test_q1_only_torch_nn_rnn_runs_and_the_others_fail_as_the_solution_says():
    namespace, _printed = run_evidence(QUESTIONS["valid-init"])
    assert namespace["outcomes"] == {
        "A": "runs",
        "B": "AttributeError: module 'torch.nn' has no attribute 'RNNLayer'",
        "C": "AttributeError: module 'torch.nn' has no attribute 'SimpleRNN'",
        "D": "SyntaxError: positional argument follows keyword argument",
    }


def test_q2_marked_option_is_the_shape_of_the_scores_one_row_per_step():
    question = QUESTIONS["pipeline-shape"]
    namespace, _ = run_evidence(question)
    assert namespace["answer"] == (7, 2) == tuple(namespace["head"](namespace["hidden_states"]).shape)
    assert question.options[question.answer] == "`(7, 2)`"


def test_q5_evidence_reruns_the_lessons_order_test_alone_shuffling_costs_the_rnn_accuracy():
    namespace, printed = run_evidence(QUESTIONS["next-word"])
    assert namespace["kept"] - namespace["moved"] > 0.10
    assert f"**{namespace['kept']:.2f}**" in printed


def test_q4_question_code_has_no_comment_naming_the_feature_count():
    code = (ROOT / "snippets" / "rnn" / "practice" / "input_size_error.py").read_text()
    question = code.split("[start:question]")[1].split("[end:question]")[0]
    assert "input_size=10" not in question and "10 features" not in question


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


def test_every_wrong_option_says_why_it_is_wrong_except_where_the_evidence_run_says_it():
    for question in QUESTIONS.values():
        wrong = set(question.options) - {question.answer}
        assert set(question.why_not or {}) == (set() if question.verify == "runs" else wrong), question.id


def test_built_options_carry_their_why_not_and_the_marked_one_none(built_site):
    """Typed why-not lines, or for `verify: runs` the error each wrong option's own run raised."""
    page = BeautifulSoup((built_site / "rnn" / "practice" / "index.html").read_text(), "html.parser")
    for question in QUESTIONS.values():
        labels = page.select(f"section#{question.id} .quiz-options label")
        shown = {label.input["value"]: label["data-why-not"] for label in labels}
        why_not = question.why_not or {}
        if question.verify == "runs":
            why_not = {letter: run_evidence(question)[0]["outcomes"][letter] for letter in question.wrong}
        assert shown == {letter: why_not.get(letter, "") for letter in question.options}, question.id


def test_built_page_shows_progress_out_of_its_question_count(built_site):
    page = BeautifulSoup((built_site / "rnn" / "practice" / "index.html").read_text(), "html.parser")
    assert page.select_one(".quiz-progress-text").get_text() == f"Progress: (0/{len(QUESTIONS)})"


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
    page.locator(f"#{question_id} .quiz-options input[value='{letter}']").check()
    page.locator(f"#{question_id} .quiz-check").click()
    return page.locator(f"#{question_id} .quiz-feedback").inner_text()


def progress(page) -> str:
    return page.locator(".quiz-progress-text").inner_text()


@pytest.mark.browser
def test_q3_right_answer_says_correct_and_opens_the_solution(page):
    page.goto("rnn/practice/")
    assert answer(page, "output-shape", "C") == "Correct."
    assert page.locator("#output-shape .quiz-solution").get_attribute("open") is not None
    assert page.locator("#output-shape .quiz-solution").get_by_text("(4, 2, 3)").first.is_visible()


@pytest.mark.browser
def test_q3_wrong_answer_says_why_that_option_is_wrong(page):
    page.goto("rnn/practice/")
    why_not = QUESTIONS["output-shape"].why_not["B"]
    assert answer(page, "output-shape", "B") == f"Not quite. {plain(why_not)}"
    assert page.locator("#output-shape .quiz-feedback code").first.inner_text() == "(2, 4, 3)"  # as in the YAML's `...`
    assert page.locator("#output-shape .quiz-feedback").get_attribute("aria-live") == "polite"
    assert page.locator("#output-shape .quiz-solution").get_attribute("open") is not None


@pytest.mark.browser
def test_every_wrong_option_gets_its_own_why_not_its_real_error_for_runs_questions(page):
    page.goto("rnn/practice/")
    for question in QUESTIONS.values():
        wrong = [letter for letter in question.options if letter != question.answer]
        outcomes = run_evidence(question)[0].get("outcomes", {}) if question.verify == "runs" else {}
        for n, letter in enumerate(wrong):
            reason = plain(question.why_not[letter]) if question.why_not else plain(outcomes[letter])
            kept = f" Your score keeps your first answer, {wrong[0]}." if n else ""
            assert answer(page, question.id, letter) == f"Not quite. {reason}{kept}", (question.id, letter)


@pytest.mark.browser
def test_check_with_nothing_chosen_records_nothing_and_says_so(page):
    page.goto("rnn/practice/")
    page.locator("#output-shape .quiz-check").click()
    feedback = page.locator("#output-shape .quiz-feedback")
    assert feedback.inner_text() == "Choose an answer first: nothing was recorded."
    assert feedback.get_attribute("aria-live") == "polite"
    assert progress(page) == f"Progress: (0/{len(QUESTIONS)}), 0 correct"
    assert page.evaluate("Object.keys(localStorage).filter((key) => key.startsWith('lesson-quiz'))") == []


@pytest.mark.browser
def test_wrong_then_right_gives_feedback_but_the_score_keeps_the_first_answer(page):
    page.goto("rnn/practice/")
    assert answer(page, "output-shape", "B").startswith("Not quite.")
    assert answer(page, "output-shape", "C") == "Correct. Your score keeps your first answer, B."
    assert progress(page) == f"Progress: (1/{len(QUESTIONS)}), 0 correct"
    assert page.locator(".quiz-rule").inner_text() == (
        "Your first checked answer to each question is the one that counts; "
        "try again as often as you like for feedback."
    )
    page.reload()
    assert progress(page) == f"Progress: (1/{len(QUESTIONS)}), 0 correct"
    assert page.locator("#output-shape .quiz-options input[value='B']").is_checked()


@pytest.mark.browser
def test_changing_option_clears_the_previous_feedback(page):
    page.goto("rnn/practice/")
    assert answer(page, "output-shape", "B").startswith("Not quite.")
    page.locator("#output-shape .quiz-options input[value='C']").check()
    assert page.locator("#output-shape .quiz-feedback").inner_text() == ""
    assert page.locator("#output-shape .quiz-feedback").get_attribute("data-result") is None


@pytest.mark.browser
def test_after_reset_a_solution_still_shows_its_evidence(page):
    page.goto("rnn/practice/")
    answer(page, "output-shape", "C")
    answer(page, "input-size-error", "B")
    page.locator(".quiz-reset").click()
    assert progress(page) == f"Progress: (0/{len(QUESTIONS)}), 0 correct"
    assert page.locator(".quiz-options input:checked").count() == 0
    assert [page.locator(f"#{q} .quiz-feedback").inner_text() for q in ("output-shape", "input-size-error")] == ["", ""]
    for question_id, evidence in [("output-shape", "(4, 2, 3)"), ("input-size-error", "Expected 8, got 10")]:
        page.locator(f"#{question_id} .quiz-solution summary").click()
        assert page.locator(f"#{question_id} .quiz-solution").get_by_text(evidence).first.is_visible(), question_id


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@pytest.mark.browser
def test_after_instant_navigation_the_quiz_works_with_one_listener_per_button(page, served_site):
    def sitemap_for_this_server(route):  # Material navigates in place only to the sitemap's pages
        urls = "".join(f"<url><loc>{served_site}{path}</loc></url>" for path in ("rnn/", "rnn/practice/"))
        body = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}">{urls}</urlset>'
        route.fulfill(body=body, content_type="application/xml")

    page.route("**/sitemap.xml", sitemap_for_this_server)
    page.add_init_script("""
        const add = EventTarget.prototype.addEventListener;
        EventTarget.prototype.addEventListener = function (type, listener, options) {
          if (type === "click" && this instanceof Element && this.matches(".quiz-check, .quiz-reset"))
            this.quizClicks = (this.quizClicks || 0) + 1;
          return add.call(this, type, listener, options);
        };
    """)
    page.goto("rnn/")
    page.wait_for_load_state("networkidle")  # Material reads sitemap.xml before it navigates in place
    page.evaluate("window.sameDocument = true")
    page.locator(".md-nav__link[href$='practice/']").first.click()
    page.wait_for_url("**/rnn/practice/")
    page.locator("#output-shape .quiz-check").wait_for()
    assert page.evaluate("window.sameDocument") is True  # Material swapped the page in place
    counts = page.evaluate("[...document.querySelectorAll('.quiz-check, .quiz-reset')].map((b) => b.quizClicks)")
    assert counts == [1] * (len(QUESTIONS) + 1)
    assert answer(page, "output-shape", "C") == "Correct."
    assert progress(page) == f"Progress: (1/{len(QUESTIONS)}), 1 correct"


@pytest.mark.browser
def test_progress_survives_a_reload_and_reset_clears_it(page):
    page.goto("rnn/practice/")
    answer(page, "output-shape", "C")
    answer(page, "valid-init", "B")
    assert page.locator(".quiz-progress-text").inner_text() == f"Progress: (2/{len(QUESTIONS)}), 1 correct"
    page.reload()
    assert page.locator(".quiz-progress-text").inner_text() == f"Progress: (2/{len(QUESTIONS)}), 1 correct"
    assert page.locator("#output-shape input[value='C']").is_checked()
    assert page.locator("#valid-init .quiz-feedback").inner_text().startswith("Not quite.")
    page.locator(".quiz-reset").click()
    assert page.locator(".quiz-progress-text").inner_text() == f"Progress: (0/{len(QUESTIONS)}), 0 correct"
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
    answer(page, "pipeline-shape", "B")  # right
    answer(page, "output-shape", "B")  # wrong: its why_not, with code in it
    answer(page, "output-shape", "C")  # right on a second try: the note on the first answer
    answer(page, "valid-init", "B")  # wrong: the hint, its evidence holding the why
    assert_no_axe_violations(page)
