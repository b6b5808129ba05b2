// Quiz behaviour: check an answer, say "Correct" or "Not quite" (with the hint), open the solution,
// and keep progress in localStorage. Without JavaScript the questions and solutions stay readable.
function initQuizzes() {
  const sections = [...document.querySelectorAll("section.quiz")];
  if (sections.length === 0) return;
  const key = "rnn-lesson-quiz:" + location.pathname;
  let chosen = {};
  try {
    chosen = JSON.parse(localStorage.getItem(key)) || {};
  } catch (error) {
    chosen = {};
  }
  const isRight = (section) => chosen[section.id] === section.dataset.answer;

  function showFeedback(section) {
    const feedback = section.querySelector(".quiz-feedback");
    const hint = section.querySelector(".quiz-hint").textContent.trim();
    feedback.textContent = isRight(section) ? "Correct." : `Not quite. ${hint}`;
    feedback.dataset.result = isRight(section) ? "correct" : "wrong";
    section.querySelector(".quiz-solution").open = true;
  }

  function showProgress() {
    const answered = sections.filter((section) => section.id in chosen);
    const right = answered.filter(isRight);
    for (const text of document.querySelectorAll(".quiz-progress-text")) {
      text.textContent = `Progress: (${answered.length}/${sections.length}), ${right.length} correct`;
    }
    for (const score of document.querySelectorAll(".quiz-score")) {
      const parts = ["easy", "medium", "hard"].map((level) => {
        const all = sections.filter((section) => section.dataset.difficulty === level);
        return all.length ? `${level} ${all.filter(isRight).length}/${all.length}` : null;
      });
      const done = answered.length === sections.length ? "Finished. " : "";
      score.textContent = `${done}Score: ${right.length}/${sections.length} (${parts.filter(Boolean).join(", ")})`;
    }
  }

  for (const section of sections) {
    const button = section.querySelector(".quiz-check");
    button.hidden = false;
    button.addEventListener("click", () => {
      const input = section.querySelector("input[type=radio]:checked");
      if (!input) {
        section.querySelector(".quiz-feedback").textContent = "Choose an answer first.";
        return;
      }
      chosen[section.id] = input.value;
      localStorage.setItem(key, JSON.stringify(chosen));
      showFeedback(section);
      showProgress();
    });
    if (section.id in chosen) {
      const input = section.querySelector(`input[value="${chosen[section.id]}"]`);
      if (input) input.checked = true;
      showFeedback(section);
    }
  }

  for (const reset of document.querySelectorAll(".quiz-reset")) {
    reset.hidden = false;
    reset.addEventListener("click", () => {
      chosen = {};
      localStorage.removeItem(key);
      for (const section of sections) {
        section.querySelectorAll("input[type=radio]").forEach((input) => (input.checked = false));
        const feedback = section.querySelector(".quiz-feedback");
        feedback.textContent = "";
        delete feedback.dataset.result;
        section.querySelector(".quiz-solution").open = false;
      }
      showProgress();
    });
  }
  showProgress();
}

// Material's instant navigation swaps pages without a reload: run on every page it shows.
document$.subscribe(initQuizzes);
