// The home page's track: how many questions of each lesson's practice and test the reader has answered,
// read from what quiz.js keeps in localStorage (one object per page, keyed by question id).
document$.subscribe(() => {
  for (const progress of document.querySelectorAll(".track-progress[data-quiz-page]")) {
    const path = new URL(progress.dataset.quizPage, location.href).pathname;
    let answered = {};
    try {
      answered = JSON.parse(localStorage.getItem("lesson-quiz:" + path)) || {};
    } catch (error) {
      answered = {};
    }
    const count = Object.keys(answered).length;
    progress.textContent = `(${count}/${progress.dataset.total} answered)`;
    progress.hidden = false;
  }
});
