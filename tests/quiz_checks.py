"""What every quiz question promises, checked against real PyTorch runs; used by the page tests.

Questions are read with the same parser the build uses (hooks/quiz.py), so a page and its tests
cannot disagree about what a question says.
"""

import re

import quiz  # hooks/quiz.py (hooks/ is on pytest's pythonpath)
from conftest import ROOT, run_snippets

SNIPPETS = ROOT / "snippets"


def questions(page: str) -> list:
    """The questions of docs/<page>, parsed as the build parses them."""
    return quiz.parse_questions((ROOT / "docs" / page).read_text(), page)


def plain(option: str) -> str:
    """An option's text without Markdown code ticks."""
    return option.replace("`", "").strip()


def run_evidence(question) -> tuple[dict, str]:
    """Run the question's evidence snippet alone; its namespace and what it printed."""
    path = SNIPPETS / question.evidence.partition(":")[0]
    namespace, printed = run_snippets(path.parent, [path.stem])
    return namespace, printed[path.stem]


def assert_marked_answer_is_what_pytorch_does(question) -> None:
    namespace, printed = run_evidence(question)
    marked = question.answer
    if question.verify == "value":
        real = str(namespace["answer"])
        matching = [letter for letter, text in question.options.items() if plain(text) == real]
        assert matching == [marked], f"real run gives {real!r}; options matching it: {matching}, marked: {marked}"
    elif question.verify == "runs":
        outcomes = namespace["outcomes"]
        assert set(outcomes) == set(question.options)
        assert outcomes[marked] == "runs", f"the marked option {marked} does not run: {outcomes[marked]}"
        for letter, error in question.fails_with.items():
            assert outcomes[letter].startswith(f"{error}:"), f"option {letter}: {outcomes[letter]}"
        if "candidates" in namespace:  # "which line is valid": the lines run are the options' lines
            assert namespace["candidates"] == {letter: plain(text) for letter, text in question.options.items()}
    else:
        raise AssertionError(f"question {question.id} is not verified")
    assert printed.strip(), "the evidence shown in the solution prints nothing"


def assert_cited_result_is_generated(question, lesson_namespace) -> None:
    """A conceptual solution quotes the lesson's numbers from a run, and its text types none."""
    _, printed = run_evidence(question)
    rnn_accuracy = lesson_namespace["rnn_history"][-1][1]
    memoryless_accuracy = lesson_namespace["memoryless_history"][-1][1]
    assert f"RNN **{rnn_accuracy:.2f}** accuracy" in printed
    assert f"**{memoryless_accuracy:.2f}**" in printed
    typed = " ".join([question.question, *question.options.values(), *(s["text"] for s in question.steps)])
    assert not re.search(r"\d\.\d", typed), "a number is typed into the question instead of computed"
