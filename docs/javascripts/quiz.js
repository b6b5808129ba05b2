// Quiz behaviour: check an answer, say "Correct" or why that option is wrong, open the solution, and
// keep each question's FIRST checked answer in localStorage: that answer is what progress and score
// count; later tries only give feedback. Without JavaScript the questions and solutions stay readable.
// Only the radios in a question's .quiz-options are answers: the solutions' Result/Source tabs are
// radio inputs too, and are never read or changed here.
function initQuizzes() {
  const sections = [...document.querySelectorAll("section.quiz")].filter((s) => !s.dataset.quizReady);
  if (sections.length === 0) return;
  const key = "lesson-quiz:" + location.pathname;
  let first = {};
  try {
    first = JSON.parse(localStorage.getItem(key)) || {};
  } catch (error) {
    first = {};
  }
  const all = [...document.querySelectorAll("section.quiz")];
  const options = (section) => [...section.querySelectorAll(".quiz-options input[type=radio]")];
  const isRight = (section) => first[section.id] === section.dataset.answer;

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

  function clearFeedback(section) {
    const feedback = section.querySelector(".quiz-feedback");
    feedback.textContent = "";
    delete feedback.dataset.result;
  }

  function showFeedback(section, letter) {
    const feedback = section.querySelector(".quiz-feedback");
    const right = letter === section.dataset.answer;
    const input = options(section).find((option) => option.value === letter);
    const whyNot = (input && input.closest("label").dataset.whyNot) || "";
    const hint = section.querySelector(".quiz-hint").textContent.trim();
    let text = right ? "Correct." : `Not quite. ${whyNot || hint}`;
    if (first[section.id] !== letter) text += ` Your score keeps your first answer, ${first[section.id]}.`;
    setText(feedback, text);
    feedback.dataset.result = right ? "correct" : "wrong";
    section.querySelector(".quiz-solution").open = true;
  }

  function showProgress() {
    const answered = all.filter((section) => section.id in first);
    const right = answered.filter(isRight);
    for (const text of document.querySelectorAll(".quiz-progress-text")) {
      text.textContent = `Progress: (${answered.length}/${all.length}), ${right.length} correct`;
    }
    for (const score of document.querySelectorAll(".quiz-score")) {
      const parts = ["easy", "medium", "hard"].map((level) => {
        const some = all.filter((section) => section.dataset.difficulty === level);
        return some.length ? `${level} ${some.filter(isRight).length}/${some.length}` : null;
      });
      const done = answered.length === all.length ? "Finished. " : "";
      score.textContent = `${done}Score: ${right.length}/${all.length} (${parts.filter(Boolean).join(", ")})`;
    }
  }

  // Say once, under the progress line, which answer counts.
  for (const line of document.querySelectorAll(".quiz-progress-text")) {
    if (line.nextElementSibling && line.nextElementSibling.matches(".quiz-rule")) continue;
    const rule = document.createElement("p");
    rule.className = "quiz-rule";
    rule.textContent = "Your first checked answer to each question is the one that counts; try again as often as you like for feedback.";
    line.after(rule);
  }

  for (const section of sections) {
    section.dataset.quizReady = "true";
    const button = section.querySelector(".quiz-check");
    button.hidden = false;
    button.addEventListener("click", () => {
      const input = options(section).find((option) => option.checked);
      if (!input) {
        const feedback = section.querySelector(".quiz-feedback");
        feedback.textContent = "Choose an answer first: nothing was recorded.";
        delete feedback.dataset.result;
        return;
      }
      if (!(section.id in first)) {
        first[section.id] = input.value;
        localStorage.setItem(key, JSON.stringify(first));
      }
      showFeedback(section, input.value);
      showProgress();
    });
    for (const option of options(section)) option.addEventListener("change", () => clearFeedback(section));
    if (section.id in first) {
      const input = options(section).find((option) => option.value === first[section.id]);
      if (input) input.checked = true;
      showFeedback(section, first[section.id]);
    }
  }

  for (const reset of document.querySelectorAll(".quiz-reset:not([data-quiz-ready])")) {
    reset.dataset.quizReady = "true";
    reset.hidden = false;
    reset.addEventListener("click", () => {
      first = {};
      localStorage.removeItem(key);
      for (const section of all) {
        for (const option of options(section)) option.checked = false;
        clearFeedback(section);
        section.querySelector(".quiz-solution").open = false;
      }
      showProgress();
    });
  }
  showProgress();
}

// Material's instant navigation swaps pages without a reload: run on every page it shows. Each
// question is set up once (data-quiz-ready), so a repeated call adds no second listener.
document$.subscribe(initQuizzes);
