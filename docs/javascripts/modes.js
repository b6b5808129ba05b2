// The learning modes that need a script (quiz.js, loaded first, keeps the answers and lessonStore):
// predict-then-run blocks, the review page's Leitner boxes, and the home page's progress, scores,
// next step and due reviews. Without JavaScript each still shows its content and says what it lacks.
const DAY = 24 * 60 * 60 * 1000;
const BOX_DAYS = { 1: 1, 2: 3, 3: 7 }; // Leitner boxes: a right answer moves a question up, a wrong one to box 1

function markVisited() {
  const visited = lessonStore.get("lesson-visited", {});
  visited[lessonStore.pageKey()] = Date.now();
  lessonStore.set("lesson-visited", visited);
}

// Predict, then run: the Result tab of a marked block stays hidden until the reader writes a prediction.
function initPredictions() {
  const key = "lesson-predict:" + lessonStore.pageKey();
  for (const prompt of document.querySelectorAll(".predict-prompt:not([data-ready])")) {
    const set = prompt.nextElementSibling;
    if (!set || !set.matches(".tabbed-set")) continue;
    const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
    const inputs = [...set.querySelectorAll(":scope > input[type=radio]")];
    const result = labels.findIndex((label) => label.textContent.trim() === "Result");
    if (result < 0 || inputs.length !== labels.length) continue;
    prompt.dataset.ready = "true";
    const kind = prompt.dataset.predict;
    const form = document.createElement("div");
    form.className = "predict-form";
    const field = document.createElement("label");
    field.textContent = kind === "shape" ? "Your prediction (a shape)" : kind === "value" ? "Your prediction (a number)" : "Your prediction";
    const input = document.createElement("input");
    input.type = "text";
    input.id = prompt.id + "-input";
    field.htmlFor = input.id;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "Run";
    const feedback = document.createElement("p");
    feedback.className = "predict-feedback";
    feedback.setAttribute("aria-live", "polite");
    form.append(field, input, button, feedback);
    prompt.after(form);

    const blocks = [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")];
    // Select a tab without a change event: the theme's linked tabs must not follow on other blocks.
    const select = (i) => {
      inputs[i].checked = true;
      const bar = set.querySelector(":scope > .tabbed-labels");
      bar.style.setProperty("--md-indicator-x", `${labels[i].offsetLeft}px`);
      bar.style.setProperty("--md-indicator-width", `${labels[i].offsetWidth}px`);
    };
    // Until the reader predicts, the Result tab is locked: renamed (so the theme's linked tabs do not
    // follow it), its output hidden, a click on it asks for the prediction.
    const name = labels[result].textContent;
    labels[result].addEventListener("click", (event) => {
      if (labels[result].dataset.locked !== "true") return;
      event.preventDefault();
      feedback.textContent = "Write a prediction first: the output stays hidden until you do.";
      input.focus();
    });
    const hide = () => {
      labels[result].dataset.locked = "true";
      labels[result].textContent = `${name} (after your prediction)`;
      blocks[result].hidden = true;
      select((result + 1) % inputs.length);
    };
    const reveal = (guess) => {
      labels[result].dataset.locked = "false";
      labels[result].textContent = name;
      blocks[result].hidden = false;
      select(result);
      input.value = guess;
      feedback.textContent = `You predicted ${guess}. ${compare(kind, guess, blocks[result].textContent)}`;
      feedback.dataset.result = "shown";
    };
    button.addEventListener("click", () => {
      const guess = input.value.trim();
      if (!guess) {
        feedback.textContent = "Write a prediction first: the output stays hidden until you do.";
        delete feedback.dataset.result;
        input.focus();
        return;
      }
      const saved = lessonStore.get(key, {});
      saved[prompt.id] = guess;
      lessonStore.set(key, saved);
      reveal(guess);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") button.click();
    });
    const saved = lessonStore.get(key, {})[prompt.id];
    if (saved) reveal(saved);
    else hide();
  }
}

// A shape or value prediction, checked against what the block printed.
function compare(kind, guess, printed) {
  const numbers = (text) => (text.match(/-?\d+(?:\.\d+)?/g) || []).map(Number);
  if (kind === "shape") {
    const shapes = [...printed.matchAll(/\(\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*\)|Size\(\[\s*(\d+(?:\s*,\s*\d+)*)\s*\]\)/g)].map(
      (m) => numbers(m[1] || m[2]).join(", "),
    );
    const mine = numbers(guess).join(", ");
    if (shapes.includes(mine)) return `The run printed the shape (${mine}): your prediction matches.`;
    const some = [...new Set(shapes)].slice(0, 3).map((s) => `(${s})`);
    return some.length ? `It does not match: the run printed ${some.join(", ")}.` : "Compare it with the Result below.";
  }
  if (kind === "value") {
    const mine = numbers(guess)[0];
    const found = (printed.match(/-?\d+(?:\.\d+)?/g) || []).find((text) => {
      const decimals = (text.split(".")[1] || "").length;
      return mine !== undefined && Math.abs(Number(text) - mine) <= 0.5 * 10 ** -decimals;
    });
    return found !== undefined ? `The run printed ${found}: your prediction matches.` : "No printed value matches it: compare with the Result below.";
  }
  return "Compare it with the Result below.";
}

// The review page: each missed question shows when it is due; an answer moves it between boxes.
function initReview() {
  const holder = document.querySelector(".review-questions:not([data-ready])");
  if (!holder) return;
  holder.dataset.ready = "true";
  const status = document.querySelector(".review-due");
  const sections = [...holder.querySelectorAll("section.quiz")];
  const options = (section) => [...section.querySelectorAll(".quiz-options input[type=radio]")];

  function show() {
    const review = lessonStore.get("lesson-review", {});
    const now = Date.now();
    let due = 0;
    for (const section of sections) {
      const entry = review[section.dataset.questionKey];
      const answered = section.dataset.reviewed === "true";
      section.hidden = !answered && !(entry && entry.due <= now);
      section.dataset.due = section.hidden ? "false" : "true";
      if (!section.hidden && !answered) due += 1;
    }
    const later = Object.values(review)
      .map((entry) => entry.due)
      .filter((time) => time > now)
      .sort((a, b) => a - b);
    const next = later.length ? ` The next one comes due on ${new Date(later[0]).toLocaleDateString()}.` : "";
    if (Object.keys(review).length === 0) {
      status.textContent = "Nothing to review yet: a question you miss on any lesson's page comes back here.";
    } else {
      status.textContent = `${due} question${due === 1 ? "" : "s"} due now, of ${Object.keys(review).length} in review.${next}`;
    }
  }

  for (const section of sections) {
    const button = section.querySelector(".quiz-check");
    const feedback = section.querySelector(".quiz-feedback");
    button.hidden = false;
    button.addEventListener("click", () => {
      const input = options(section).find((option) => option.checked);
      if (!input) {
        feedback.textContent = "Choose an answer first: nothing was recorded.";
        return;
      }
      const review = lessonStore.get("lesson-review", {});
      const entry = review[section.dataset.questionKey] || { box: 1, due: Date.now() };
      const right = input.value === section.dataset.answer;
      entry.box = right ? Math.min(entry.box + 1, 3) : 1;
      entry.due = Date.now() + BOX_DAYS[entry.box] * DAY;
      review[section.dataset.questionKey] = entry;
      lessonStore.set("lesson-review", review);
      const when = BOX_DAYS[entry.box] === 1 ? "tomorrow" : `in ${BOX_DAYS[entry.box]} days`;
      const whyNot = input.closest("label").dataset.whyNot || section.querySelector(".quiz-hint").textContent.trim();
      feedback.textContent = right
        ? `Correct. Box ${entry.box}: it comes back ${when}.`
        : `Not quite. ${whyNot} Back to box 1: it comes back ${when}.`;
      feedback.dataset.result = right ? "correct" : "wrong";
      section.dataset.reviewed = "true";
      for (const option of options(section)) option.disabled = true;
      button.hidden = true;
      section.querySelector(".quiz-solution").open = !right;
      show();
    });
  }
  window.addEventListener("storage", show);
  show();
}

// The home page: each mode's progress and score, each lesson's next step, and the reviews due.
function initHome() {
  const states = document.querySelectorAll(".mode-state");
  if (states.length === 0) return;
  const visited = lessonStore.get("lesson-visited", {});
  const review = lessonStore.get("lesson-review", {});
  const now = Date.now();
  const dueFor = (prefix) => Object.entries(review).filter(([key, entry]) => key.startsWith(prefix) && entry.due <= now).length;
  for (const state of states) {
    const key = state.dataset.pageKey;
    const score = lessonStore.get("lesson-score:" + key, null);
    const total = Number(state.dataset.total || 0);
    let text = "";
    let finished = false;
    if (state.dataset.kind === "visit") {
      finished = key in visited;
      text = finished ? "opened" : "not opened yet";
    } else if (state.dataset.kind === "review") {
      const due = dueFor("");
      text = `${due} due now`;
      finished = due === 0;
    } else if (state.dataset.mode === "test") {
      const attempts = lessonStore.get("lesson-attempts:" + key, { current: 1, finished: [] });
      const done = attempts.finished;
      finished = done.length > 0;
      const now = score && score.answered < total ? `; attempt ${attempts.current}: ${score.answered}/${total} answered` : "";
      if (finished) {
        const last = done[done.length - 1];
        const best = done.reduce((a, b) => (b.right > a.right ? b : a));
        text = `last ${last.right}/${last.total}, best ${best.right}/${best.total} (${done.length} attempt${done.length === 1 ? "" : "s"})${now}`;
      } else text = score ? `${score.answered}/${total} answered, score at the end` : `0/${total} answered`;
    } else {
      const answered = score ? score.answered : 0;
      finished = answered >= total;
      text = score ? `${answered}/${total} answered, ${score.right} correct` : `0/${total} answered`;
    }
    state.textContent = `(${text})`;
    state.dataset.finished = finished ? "true" : "false";
    state.hidden = false;
  }
  for (const lesson of document.querySelectorAll(".home-lesson[data-lesson]")) {
    const link = lesson.querySelector(".home-continue");
    const folder = lesson.dataset.lesson;
    const next = [...lesson.querySelectorAll("li.mode")].find((item) => {
      const state = item.querySelector(".mode-state");
      return state && state.dataset.finished === "false";
    });
    const due = dueFor(folder + "/");
    const target = next || (due ? document.querySelector("li.mode[data-mode=review]") : lesson.querySelector("li.mode[data-mode=flashcards]"));
    if (!target || !link) continue;
    const anchor = target.querySelector("a");
    link.href = anchor.href;
    link.textContent = `Continue: ${anchor.textContent}`;
    if (due) link.after(` · ${due} review question${due === 1 ? "" : "s"} due`);
  }
}

// Material's instant navigation swaps pages without a reload: run on every page it shows.
document$.subscribe(() => {
  markVisited();
  initPredictions();
  initReview();
  initHome();
});
