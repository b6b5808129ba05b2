"""The gated lesson's questions (docs/gated/index.md, practice.md, test.md): what their runs show."""

import pytest
from quiz_checks import plain, questions, run_evidence

PAGES = ("gated/index.md", "gated/practice.md", "gated/test.md")
QUESTIONS = {q.id: q for page in PAGES for q in questions(page)}


@pytest.mark.parametrize("question", [q for q in QUESTIONS.values() if q.claims], ids=lambda q: q.id)
def test_every_claim_of_a_question_holds_in_its_evidence_run(question):
    namespace, _ = run_evidence(question)
    for part, expressions in question.claims.items():
        for expression in [expressions] if isinstance(expressions, str) else expressions:
            assert eval(expression, dict(namespace)), f"{question.name}: {part}: {expression}"


def test_only_the_pair_passes_an_lstm_its_initial_state():
    namespace, _ = run_evidence(QUESTIONS["lstm-initial-state"])
    assert [letter for letter, outcome in namespace["outcomes"].items() if outcome == "runs"] == ["B"]
    assert namespace["outcomes"]["D"] == "RuntimeError: lstm expects two hidden states"


def test_lstm_blocks_read_in_order_i_f_g_o_reproduce_the_module():
    namespace, printed = run_evidence(QUESTIONS["lstm-chunk-order"])
    assert namespace["matches"] == [("input gate i", "forget gate f", "cell candidate g", "output gate o")]
    assert "The second block: **forget gate f**" in printed


def test_update_gate_forced_to_one_keeps_h0_through_every_step():
    namespace, _ = run_evidence(QUESTIONS["forced-update-gate"])
    assert namespace["kept"] and plain(QUESTIONS["forced-update-gate"].options["A"]) == namespace["answer"]


def test_the_matched_gru_is_the_largest_that_fits_the_rnns_count():
    namespace, _ = run_evidence(QUESTIONS["matched-sizes"])
    budget, gru = namespace["budget"], __import__("torch").nn.GRU
    count = lambda h: sum(p.numel() for p in gru(10, h).parameters())  # noqa: E731
    best = max(h for h in range(1, 40) if count(h) <= budget)
    assert namespace["answer"] == f"hidden_size={best}"


def test_conceptual_evidence_quotes_the_lessons_gradient_at_the_longest_distance():
    namespace, printed = run_evidence(QUESTIONS["small-gradient"])
    assert namespace["far"] == namespace["DISTANCES"][-1]
    for cell, gradient in namespace["gradients"].items():
        assert f"{cell} **{gradient:.1e}**" in printed
