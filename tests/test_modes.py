"""Each learning mode in a real browser, for every lesson, along the reader's wrong paths.

An exam whose solution is opened before answering, a wrong answer then a right one, a reload in the
middle, instant navigation away and back, a second attempt, cleared storage, two tabs, an empty
prediction, and a review question answered right then wrong while the clock moves forward.
"""

from datetime import datetime, timedelta

import pytest
from quiz_checks import questions

from conftest import LESSONS, lesson_params
from lessonkit import modes

pytestmark = pytest.mark.browser

T0 = datetime(2026, 12, 2, 9, 0, 0)
# The first shape a block's (hidden) Result prints, read from the page as a reader would see it.
SHAPE_IN_RESULT = r"""(set) => {
  const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")].map((l) => l.textContent.trim());
  const blocks = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block");
  const block = blocks[labels.findIndex((l) => l.startsWith("Result"))];
  const m = block.textContent.match(/\(\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*\)|Size\(\[\s*(\d+(?:\s*,\s*\d+)*)\s*\]\)/);
  return m ? m[1] || m[2] : null;
}"""


def result_index(tabs) -> int:
    labels = [text.strip() for text in tabs.locator(":scope > .tabbed-labels > label").all_inner_texts()]
    return next(i for i, text in enumerate(labels) if text.startswith("Result"))


def url(src_uri: str) -> str:
    return src_uri.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/" if src_uri != "index.md" else "./"


def answer(page, qid: str, letter: str) -> None:
    page.locator(f"#{qid} .quiz-options input[value='{letter}']").check()
    page.locator(f"#{qid} .quiz-check").click()


def wrong(q) -> str:
    return q.wrong[0]


@pytest.mark.parametrize("lesson", [p for p in lesson_params() if p.values[0].test])
def test_an_exam_locks_solutions_and_scores_at_the_end_with_best_and_last_attempts(page, lesson):
    qs = questions(lesson.test.src_uri)
    page.goto(url(lesson.test.src_uri))
    first, second, *rest = qs
    solution = page.locator(f"#{first.id} .quiz-solution")
    solution.locator("summary").click()
    assert solution.get_attribute("open") is None, "a test solution opened before its question was answered"
    assert "Answer first" in page.locator(f"#{first.id} .quiz-feedback").inner_text()
    page.locator(f"#{first.id} .quiz-reveal").click()  # a deliberate "show solution"
    assert solution.get_attribute("open") is not None
    assert "counts as not answered" in page.locator(f"#{first.id} .quiz-feedback").inner_text()

    answer(page, second.id, wrong(second))
    feedback = page.locator(f"#{second.id} .quiz-feedback").inner_text()
    why_not = page.locator(f"#{second.id} label:has(input[value='{wrong(second)}'])").get_attribute("data-why-not")
    assert why_not and why_not.split("`")[0] in feedback
    assert page.locator(f"#{second.id} .quiz-solution").get_attribute("open") is None, "a wrong answer opened it"
    assert page.locator(f"#{second.id} .quiz-options input").first.is_disabled(), "an exam takes one answer"
    assert "once all" in page.locator(".quiz-score").inner_text(), "the score showed before the end"

    page.reload()  # in the middle of the test: what was answered stays, locked
    assert "counts as not answered" in page.locator(f"#{first.id} .quiz-feedback").inner_text()
    assert page.locator(f"#{second.id} .quiz-feedback").get_attribute("data-result") == "wrong"
    assert page.locator(f"#{rest[0].id} .quiz-solution summary").inner_text().startswith("Solution (locked")
    for q in rest:
        answer(page, q.id, q.answer)
    total = len(qs)
    assert page.locator(".quiz-score").inner_text().startswith(f"Finished. Score: {total - 2}/{total}")

    page.locator(".quiz-reset").click()  # try again: a new attempt
    assert page.locator(".quiz-progress-text").inner_text() == f"Progress: (0/{total}) answered"
    assert page.locator(f"#{first.id} .quiz-solution").get_attribute("open") is None
    for q in qs:
        answer(page, q.id, wrong(q))
    assert page.locator(".quiz-score").inner_text().startswith(f"Finished. Score: 0/{total}")
    page.goto("./")
    state = page.locator(f".mode-state[data-mode='test'][data-page-key='{lesson.test.src_uri}']")
    assert state.inner_text() == f"(last 0/{total}, best {total - 2}/{total} (2 attempts))"


@pytest.mark.parametrize("lesson", [p for p in lesson_params() if p.values[0].practice])
def test_practice_counts_the_first_answer_across_instant_navigation_and_url_forms(page, lesson):
    q = questions(lesson.practice.src_uri)[0]
    page.goto(url(lesson.practice.src_uri))
    answer(page, q.id, wrong(q))
    assert page.locator(f"#{q.id} .quiz-solution").get_attribute("open") is not None, "practice opens solutions"
    answer(page, q.id, q.answer)  # wrong then right: feedback says right, the score keeps the first
    assert f"Your score keeps your first answer, {wrong(q)}." in page.locator(f"#{q.id} .quiz-feedback").inner_text()
    total = len(questions(lesson.practice.src_uri))
    assert page.locator(".quiz-progress-text").inner_text() == f"Progress: ({1}/{total}), 0 correct"
    page.locator(".md-footer__link--next").click()  # instant navigation away, and back
    page.wait_for_url(lambda address: url(lesson.practice.src_uri) not in address)
    page.locator(".md-footer__link--prev").click()
    page.wait_for_url(f"**/{url(lesson.practice.src_uri)}")
    assert page.locator(f"#{q.id} .quiz-options input[value='{wrong(q)}']").is_checked()
    page.goto(url(lesson.practice.src_uri) + "index.html")  # the same page by another URL form
    assert page.locator(".quiz-progress-text").inner_text() == f"Progress: (1/{total}), 0 correct"


@pytest.mark.parametrize("lesson", [p for p in lesson_params() if modes.questions(p.values[0])])
def test_the_model_quiz_has_its_own_progress_score_and_reset(page, lesson):
    model = [s.question for s in modes.questions(lesson) if s.page == lesson.page]
    if not model:
        pytest.skip("this lesson page asks no question")
    page.goto(url(lesson.page.src_uri))
    q = model[0]
    answer(page, q.id, q.answer)
    assert page.locator(".quiz-progress-text").inner_text() == f"Progress: (1/{len(model)}), 1 correct"
    assert f"Score: 1/{len(model)}" in page.locator(".quiz-score").inner_text()
    page.locator(".quiz-reset").click()
    assert page.locator(".quiz-progress-text").inner_text() == f"Progress: (0/{len(model)}), 0 correct"
    assert not page.locator(f"#{q.id} .quiz-options input:checked").count()
    page.goto("./")
    state = page.locator(f".mode-state[data-mode='model-quiz'][data-page-key='{lesson.page.src_uri}']")
    assert state.inner_text() == f"(0/{len(model)} answered, 0 correct)"


@pytest.mark.parametrize("lesson", [p for p in lesson_params() if p.values[0].practice])
def test_two_tabs_keep_each_others_answers(page, lesson):
    one, two = questions(lesson.practice.src_uri)[:2]
    other = page.context.new_page()
    page.goto(url(lesson.practice.src_uri))
    other.goto(url(lesson.practice.src_uri))
    answer(page, one.id, one.answer)
    answer(other, two.id, two.answer)  # this tab loaded before the first answer was given
    page.reload()
    assert page.locator(f"#{one.id} .quiz-options input[value='{one.answer}']").is_checked()
    assert page.locator(f"#{two.id} .quiz-options input[value='{two.answer}']").is_checked()


def test_cleared_storage_starts_afresh_everywhere(page):
    lesson = next(lesson for lesson in LESSONS if lesson.practice)
    q = questions(lesson.practice.src_uri)[0]
    page.goto(url(lesson.practice.src_uri))
    answer(page, q.id, wrong(q))
    page.evaluate("localStorage.clear()")
    page.reload()
    assert not page.locator(f"#{q.id} .quiz-options input:checked").count()
    page.goto("./")
    assert page.locator(".mode-state[data-mode='review']").inner_text() == "(0 due now)"
    assert page.locator(f".home-lesson[data-lesson='{lesson.folder}'] .home-continue").inner_text() == "Continue: Learn"


@pytest.mark.parametrize("lesson", lesson_params())
def test_a_predict_block_hides_its_output_until_the_reader_predicts(page, lesson):
    _, count = modes.predict_marks(lesson.page.text)
    if not count:
        pytest.skip("no block of this lesson is marked predict")
    page.goto(url(lesson.page.src_uri))
    prompt = page.locator("#predict-1")
    tabs = prompt.locator("xpath=following-sibling::div[contains(@class, 'tabbed-set')][1]")
    result = tabs.locator(".tabbed-labels > label", has_text="Result")
    output = tabs.locator(".tabbed-content > .tabbed-block").nth(result_index(tabs))
    assert not output.is_visible(), "the output showed before a prediction"
    result.click()  # the locked tab
    assert not output.is_visible(), "the Result tab opened before a prediction"
    form = page.locator("#predict-1 + .predict-form")
    form.locator("button").click()  # a prediction left empty
    assert "Write a prediction first" in form.locator(".predict-feedback").inner_text()
    assert not output.is_visible()
    shape = tabs.evaluate(SHAPE_IN_RESULT)
    assert shape, "the marked block prints no shape"
    form.locator("input").fill("(999, 1)")
    form.locator("button").click()
    assert output.is_visible()
    assert "does not match" in form.locator(".predict-feedback").inner_text()
    page.evaluate("localStorage.clear()")
    page.reload()
    form = page.locator("#predict-1 + .predict-form")
    form.locator("input").fill(f"({shape})")
    form.locator("button").click()
    assert "your prediction matches" in form.locator(".predict-feedback").inner_text()
    page.reload()  # a prediction made stays made
    assert output.is_visible()


@pytest.mark.parametrize("lesson", [p for p in lesson_params() if p.values[0].practice])
def test_review_brings_a_missed_question_back_after_1_3_and_7_days(page, lesson):
    q = questions(lesson.practice.src_uri)[0]
    key = f"{lesson.practice.src_uri}#{q.id}"
    at = T0

    def visit(path, when):
        page.clock.set_fixed_time(when)
        page.goto(path)

    visit(url(lesson.practice.src_uri), at)
    answer(page, q.id, wrong(q))  # missed: into the review, due now
    visit("review/", at)
    section = page.locator(f"section.quiz[data-question-key='{key}']")
    assert section.is_visible()
    assert page.locator(".review-due").inner_text().startswith("1 question due now")
    qid = section.get_attribute("id")
    answer(page, qid, q.answer)  # right: box 2, back in 3 days
    assert "Box 2: it comes back in 3 days." in section.locator(".quiz-feedback").inner_text()
    visit("review/", at + timedelta(days=2))
    assert not section.is_visible(), "a question came due before its box's 3 days"
    visit("review/", at + timedelta(days=3, minutes=1))
    assert section.is_visible()
    answer(page, qid, wrong(q))  # wrong: back to box 1, due tomorrow
    assert "Back to box 1: it comes back tomorrow." in section.locator(".quiz-feedback").inner_text()
    visit("./", at + timedelta(days=3, hours=2))
    assert page.locator(".mode-state[data-mode='review']").inner_text() == "(0 due now)"
    visit("./", at + timedelta(days=4, minutes=2))
    assert page.locator(".mode-state[data-mode='review']").inner_text() == "(1 due now)"
    assert (
        "1 review question due" in page.locator(f".home-lesson[data-lesson='{lesson.folder}'] .home-meta").inner_text()
    )


def test_the_mixed_quiz_interleaves_the_lessons_and_scores_the_first_answers(page):
    sources = modes.mixed_sources(LESSONS)
    page.goto("mixed/")
    sections = page.locator("section.quiz")
    assert sections.count() == len(sources)
    folders = [sections.nth(i).get_attribute("data-lesson") for i in range(sections.count())]
    if len(LESSONS) > 1:
        assert folders[0] != folders[1], "the first two questions come from one lesson"
    for s in sources:
        answer(page, s.html_id, s.question.answer)
    assert page.locator(".quiz-score").inner_text().startswith(f"Finished. Score: {len(sources)}/{len(sources)}")


@pytest.mark.parametrize("lesson", lesson_params())
def test_flashcards_flip_and_start_with_the_key_insight(page, lesson):
    page.goto(f"{lesson.folder}/flashcards/")
    cards = page.locator("details.flashcard")
    expected = 1 + len({(s.question.hint, s.question.quick_check) for s in modes.questions(lesson)})
    assert cards.count() == expected
    first = cards.first
    first.locator("summary").click()
    assert first.get_attribute("open") is not None
    assert first.locator("> :not(summary)").first.inner_text().strip(), "the key insight card is empty"


@pytest.mark.parametrize("lesson", lesson_params())
def test_the_cheat_sheet_prints_the_lessons_results_without_the_site_around_them(page, lesson):
    page.goto(f"{lesson.folder}/cheatsheet/")
    assert page.locator(".cheat-section").count() > 0
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-footer").is_visible()


def test_the_home_page_says_what_to_do_next(page):
    lesson = LESSONS[0]
    page.goto("./")
    continue_link = page.locator(f".home-lesson[data-lesson='{lesson.folder}'] .home-continue")
    assert continue_link.inner_text() == "Continue: Learn"
    page.goto(url(lesson.page.src_uri))
    page.goto("./")
    assert continue_link.inner_text() != "Continue: Learn", "opening the lesson did not move the next step on"
    for mode in ("learn", "practice", "test", "flashcards", "cheatsheet"):
        item = page.locator(f".home-lesson[data-lesson='{lesson.folder}'] li.mode[data-mode='{mode}']")
        assert item.locator(".mode-purpose-text").inner_text() == modes.purpose(mode)


def test_without_javascript_every_mode_still_shows_its_content(browser, served_site):
    context = browser.new_context(base_url=served_site, java_script_enabled=False)
    page = context.new_page()
    lesson = next(lesson for lesson in LESSONS if lesson.test)
    page.goto(url(lesson.test.src_uri))
    q = questions(lesson.test.src_uri)[0]
    page.locator(f"#{q.id} .quiz-solution summary").click()
    assert page.locator(f"#{q.id} .quiz-solution").get_attribute("open") is not None
    assert not page.locator(f"#{q.id} .quiz-check").is_visible()
    page.goto("review/")
    assert "needs JavaScript" in page.locator(".review-due").inner_text()
    assert page.locator("section.quiz").count() == sum(len(modes.questions(lesson)) for lesson in LESSONS)
    page.goto(f"{lesson.folder}/flashcards/")
    assert page.locator("details.flashcard").count() > 1
    context.close()
