// Quiz behaviour: check an answer, say "Correct" or why that option is wrong, and keep each question's
// FIRST checked answer in localStorage, keyed by the page (not its URL form): that answer is what
// progress and score count. On a practice page later tries give feedback and the solution opens; on a
// test page (an exam) the solution stays locked until the question is answered or deliberately shown
// (which counts as not answered), a wrong answer shows its why-not only, the score comes at the end and
// "try again" starts a new attempt. A missed question joins the review (modes.js). Without JavaScript
// the questions and solutions stay readable. Only the radios in a question's .quiz-options are answers:
// the solutions' Result/Source tabs are radio inputs too, and are never read or changed here.

// Storage that never throws (private windows, a full or cleared store): one helper for both scripts.
const lessonStore = {
  get(key, fallback) {
    try {
      const value = JSON.parse(localStorage.getItem(key));
      return value === null || typeof value !== "object" ? fallback : value;
    } catch (error) {
      return fallback;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // nothing is kept; the page still works for this visit
    }
  },
  remove(key) {
    try {
      localStorage.removeItem(key);
    } catch (error) {
      // as above
    }
  },
  pageKey() {
    const marker = document.querySelector("[data-page-key]");
    return marker ? marker.dataset.pageKey : location.pathname.replace(/index\.html$/, "");
  },
  // A missed question enters the review in box 1, due now (modes.js schedules it from there).
  miss(questionKey) {
    const review = lessonStore.get("lesson-review", {});
    if (!(questionKey in review)) {
      review[questionKey] = { box: 1, due: Date.now() };
      lessonStore.set("lesson-review", review);
    }
  },
};
window.lessonStore = lessonStore;

let refreshQuizzes = () => {};
window.addEventListener("storage", () => refreshQuizzes()); // another tab answered or reset

function initQuizzes() {
  refreshQuizzes = () => {};
  const all = [...document.querySelectorAll("section.quiz")].filter((s) => !s.closest(".review-questions"));
  const fresh = all.filter((s) => !s.dataset.quizReady);
  if (fresh.length === 0) return;
  const pageKey = lessonStore.pageKey();
  const key = "lesson-quiz:" + pageKey;
  const attemptsKey = "lesson-attempts:" + pageKey;
  const exam = document.querySelector("[data-quiz-mode=test]") !== null;
  let first = lessonStore.get(key, {});
  const options = (section) => [...section.querySelectorAll(".quiz-options input[type=radio]")];
  const isRight = (section) => first[section.id] === section.dataset.answer;
  const done = (section) => section.id in first;
  const questionKey = (section) => section.dataset.questionKey || `${pageKey}#${section.id}`;

  // Text with `code` spans (as written in the question's YAML), built without innerHTML.
  function setText(element, text) {
    element.replaceChildren(
      ...text.split("`").map((part, i) => {
        if (i % 2 === 0) return document.createTextNode(part);
        const code = document.createElement("code");
        code.textContent = part;
        return code;
      }),
    );
  }

  function say(section, text, result) {
    const feedback = section.querySelector(".quiz-feedback");
    setText(feedback, text);
    if (result) feedback.dataset.result = result;
    else delete feedback.dataset.result;
  }

  // Re-read before writing: another tab may have answered since this page loaded.
  function record(section, letter) {
    first = lessonStore.get(key, {});
    if (!(section.id in first)) {
      first[section.id] = letter;
      lessonStore.set(key, first);
      if (letter !== section.dataset.answer) lessonStore.miss(questionKey(section));
    }
  }

  function showFeedback(section, letter) {
    const right = letter === section.dataset.answer;
    const solution = section.querySelector(".quiz-solution");
    if (letter === "-") {
      say(section, "Solution shown before answering: this question counts as not answered.", "wrong");
      solution.open = true;
      return;
    }
    const input = options(section).find((option) => option.value === letter);
    const whyNot = (input && input.closest("label").dataset.whyNot) || "";
    const hint = section.querySelector(".quiz-hint").textContent.trim();
    let text = right ? "Correct." : `Not quite. ${whyNot || hint}`;
    if (!exam && first[section.id] !== letter) text += ` Your score keeps your first answer, ${first[section.id]}.`;
    if (exam && !right) text += " The solution is open to you now, below.";
    say(section, text, right ? "correct" : "wrong");
    if (!exam || right) solution.open = true;
  }

  function lock(section) {
    const locked = exam && !done(section);
    const summary = section.querySelector(".quiz-solution > summary");
    summary.dataset.locked = locked ? "true" : "false";
    if (exam) summary.textContent = locked ? "Solution (locked until you answer)" : "Solution";
    const reveal = section.querySelector(".quiz-reveal");
    if (reveal) reveal.hidden = !locked;
    if (exam) section.querySelector(".quiz-check").hidden = done(section); // an exam takes one answer
    for (const option of options(section)) option.disabled = exam && done(section);
  }

  function score() {
    const answered = all.filter(done);
    const right = answered.filter(isRight);
    const finished = answered.length === all.length;
    lessonStore.set("lesson-score:" + pageKey, { answered: answered.length, right: right.length, total: all.length });
    for (const text of document.querySelectorAll(".quiz-progress-text")) {
      text.textContent = exam
        ? `Progress: (${answered.length}/${all.length}) answered`
        : `Progress: (${answered.length}/${all.length}), ${right.length} correct`;
    }
    const parts = ["easy", "medium", "hard"].map((level) => {
      const some = all.filter((section) => section.dataset.difficulty === level);
      return some.length ? `${level} ${some.filter(isRight).length}/${some.length}` : null;
    });
    const line = `Score: ${right.length}/${all.length} (${parts.filter(Boolean).join(", ")})`;
    for (const element of document.querySelectorAll(".quiz-score")) {
      if (exam && !finished) element.textContent = `Your score appears here once all ${all.length} questions are answered.`;
      else element.textContent = `${finished ? "Finished. " : ""}${line}`;
    }
    if (exam && finished) {
      const attempts = lessonStore.get(attemptsKey, { current: 1, finished: [] });
      if (!attempts.finished.some((a) => a.attempt === attempts.current)) {
        attempts.finished.push({ attempt: attempts.current, right: right.length, total: all.length, at: Date.now() });
        lessonStore.set(attemptsKey, attempts);
      }
    }
    for (const reset of document.querySelectorAll(".quiz-reset")) {
      reset.textContent = exam ? "Try again (a new attempt)" : "Reset progress";
      reset.hidden = exam && !finished;
    }
    for (const retry of document.querySelectorAll(".quiz-retry")) retry.hidden = !finished;
  }

  function render() {
    first = lessonStore.get(key, {});
    for (const section of all) {
      const letter = first[section.id];
      for (const option of options(section)) {
        option.disabled = false;
        option.checked = letter !== undefined && option.value === letter;
      }
      if (letter === undefined) {
        say(section, "");
        section.querySelector(".quiz-solution").open = false;
      } else showFeedback(section, letter);
      lock(section);
    }
    score();
  }

  // Say once, under the progress line, which answer counts.
  for (const line of document.querySelectorAll(".quiz-progress-text")) {
    if (line.nextElementSibling && line.nextElementSibling.matches(".quiz-rule")) continue;
    const rule = document.createElement("p");
    rule.className = "quiz-rule";
    rule.textContent = exam
      ? "An exam: each question takes one answer. A solution opens once you answer it; showing it first counts as not answered."
      : "Your first checked answer to each question is the one that counts; try again as often as you like for feedback.";
    line.after(rule);
  }

  for (const section of fresh) {
    section.dataset.quizReady = "true";
    const button = section.querySelector(".quiz-check");
    button.hidden = false;
    button.addEventListener("click", () => {
      const input = options(section).find((option) => option.checked);
      if (!input) {
        say(section, "Choose an answer first: nothing was recorded.");
        return;
      }
      if (exam && done(section)) return;
      record(section, input.value);
      showFeedback(section, input.value);
      lock(section);
      score();
    });
    for (const option of options(section)) option.addEventListener("change", () => say(section, ""));
    const summary = section.querySelector(".quiz-solution > summary");
    summary.addEventListener("click", (event) => {
      if (summary.dataset.locked !== "true") return;
      event.preventDefault();
      say(section, "Answer first, or show the solution with the button below (the question then counts as not answered).");
    });
    if (exam) {
      const reveal = document.createElement("button");
      reveal.type = "button";
      reveal.className = "md-button quiz-reveal";
      reveal.textContent = "Show the solution (counts as not answered)";
      reveal.addEventListener("click", () => {
        record(section, "-");
        showFeedback(section, first[section.id]);
        lock(section);
        score();
      });
      button.after(reveal);
    }
  }

  // An exam's score ends the page: offer the new attempt right there too.
  if (exam) {
    for (const element of document.querySelectorAll(".quiz-score:not([data-quiz-ready])")) {
      element.dataset.quizReady = "true";
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "md-button quiz-retry";
      retry.textContent = "Try again (a new attempt)";
      retry.hidden = true;
      retry.addEventListener("click", () => {
        const reset = document.querySelector(".quiz-reset");
        if (reset) reset.click();
        window.scrollTo(0, 0);
      });
      element.after(retry);
    }
  }

  for (const reset of document.querySelectorAll(".quiz-reset:not([data-quiz-ready])")) {
    reset.dataset.quizReady = "true";
    reset.addEventListener("click", () => {
      if (exam) {
        const attempts = lessonStore.get(attemptsKey, { current: 1, finished: [] });
        attempts.current += 1;
        lessonStore.set(attemptsKey, attempts);
      }
      lessonStore.remove(key);
      render();
    });
  }
  refreshQuizzes = render;
  render();
}

// Material's instant navigation swaps pages without a reload: run on every page it shows. Each
// question is set up once (data-quiz-ready), so a repeated call adds no second listener.
document$.subscribe(initQuizzes);
