"""Drawing, scoring and highlighting a phishing training session."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberdent.domain.training import (
    LEGIT_PER_SESSION,
    SESSION_SIZE,
    Answer,
    Outcome,
    Part,
    Segment,
    Verdict,
    default_training,
    draw_session,
    highlight,
    score_session,
)

TRAINING = default_training()
SCAM_KINDS = {e.kind for e in TRAINING.examples if e.verdict is Verdict.SCAM}


def _verdicts(ids: list[str]) -> Counter[Verdict]:
    return Counter(TRAINING.example(i).verdict for i in ids)


def _right(example_id: str) -> Answer:
    return Answer(TRAINING.example(example_id).verdict.value)


def _wrong(example_id: str) -> Answer:
    verdict = TRAINING.example(example_id).verdict
    return Answer.LEGIT if verdict is Verdict.SCAM else Answer.SCAM


# ---------------------------------------------------------------------------- drawing


def test_same_seed_same_session() -> None:
    assert draw_session(TRAINING, seed=7) == draw_session(TRAINING, seed=7)
    assert len({tuple(draw_session(TRAINING, seed=s)) for s in range(20)}) > 10


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(min_value=-(2**63), max_value=2**63))
def test_every_session_is_valid(seed: int) -> None:
    ids = draw_session(TRAINING, seed=seed)
    assert len(ids) == SESSION_SIZE == len(set(ids))
    assert all(TRAINING.example(i) for i in ids)
    low, high = LEGIT_PER_SESSION
    legit = _verdicts(ids)[Verdict.LEGIT]
    assert low <= legit <= high
    # 7 or 8 scams over 11 scam kinds: every scam is of a different kind.
    scams = [TRAINING.example(i) for i in ids if TRAINING.example(i).verdict is Verdict.SCAM]
    scam_kinds = [e.kind for e in scams]
    assert len(scam_kinds) == len(set(scam_kinds))


def test_sessions_cover_every_kind_over_a_few_seeds() -> None:
    seen = {TRAINING.example(i).kind for s in range(10) for i in draw_session(TRAINING, seed=s)}
    assert seen == {k.id for k in TRAINING.kinds}


@pytest.mark.parametrize("size", [1, 2, 3, 5, 15, len(TRAINING.examples)])
def test_other_sizes(size: int) -> None:
    ids = draw_session(TRAINING, size=size, seed=3)
    assert len(ids) == size == len(set(ids))
    kinds = {TRAINING.example(i).kind for i in ids if _verdicts([i])[Verdict.SCAM]}
    assert len(kinds) == min(len(SCAM_KINDS), size - _verdicts(ids)[Verdict.LEGIT])


@pytest.mark.parametrize("size", [0, -1, len(TRAINING.examples) + 1])
def test_impossible_sizes(size: int) -> None:
    with pytest.raises(ValueError, match="size must be between"):
        draw_session(TRAINING, size=size, seed=1)


# ---------------------------------------------------------------------------- scoring


def test_all_right_passes() -> None:
    ids = draw_session(TRAINING, seed=11)
    result = score_session(TRAINING, ids, {i: _right(i) for i in ids})
    assert (result.score, result.total, result.passed) == (10, 10, True)
    assert result.missed == ()
    assert all(o.outcome is Outcome.RIGHT for o in result.outcomes)


def test_all_wrong_misses_every_clue() -> None:
    ids = draw_session(TRAINING, seed=12)
    result = score_session(TRAINING, ids, {i: _wrong(i) for i in ids})
    assert (result.score, result.passed) == (0, False)
    assert all(o.outcome is Outcome.WRONG for o in result.outcomes)
    expected = sum(len(TRAINING.example(i).all_clues) for i in ids)
    assert len(result.missed) == expected


def test_unknown_and_missing_answers_are_not_right() -> None:
    ids = draw_session(TRAINING, seed=13)
    answers = {i: _right(i) for i in ids[:7]}
    answers[ids[7]] = Answer.UNKNOWN  # ids[8] and ids[9] not answered
    result = score_session(TRAINING, ids, answers)
    assert result.score == 7 and not result.passed
    assert [o.outcome for o in result.outcomes[7:]] == [Outcome.UNKNOWN] * 3
    assert {m.example_id for m in result.missed} == set(ids[7:])
    first = TRAINING.example(ids[7])
    assert [m.clue for m in result.missed if m.example_id == ids[7]] == first.all_clues


def test_pass_threshold_is_eight_out_of_ten() -> None:
    ids = draw_session(TRAINING, seed=14)
    eight = {i: _right(i) for i in ids[:8]} | {i: _wrong(i) for i in ids[8:]}
    assert score_session(TRAINING, ids, eight).passed
    seven = {i: _right(i) for i in ids[:7]} | {i: _wrong(i) for i in ids[7:]}
    assert not score_session(TRAINING, ids, seven).passed


def test_answers_may_be_plain_strings() -> None:
    ids = draw_session(TRAINING, seed=15)
    answers = {i: TRAINING.example(i).verdict.value for i in ids}
    assert score_session(TRAINING, ids, answers).score == 10  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ids", "answers", "message"),
    [
        (["nope"], {}, "unknown example ids: nope"),
        (["ameli_refund_email", "ameli_refund_email"], {}, "twice"),
        (["ameli_refund_email"], {"bank_validate_email": Answer.SCAM}, "not in the session"),
    ],
)
def test_bad_sessions(ids: list[str], answers: dict[str, Answer], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        score_session(TRAINING, ids, answers)


# ---------------------------------------------------------------------------- highlight


def test_highlight_marks_each_quote_in_place() -> None:
    text = "Payez sous 48 heures, sinon : sous 48 heures encore."
    segments = highlight(text, ["sous 48 heures", "heures, sinon"])
    assert segments == [
        Segment("Payez "),
        Segment("sous 48 ", (0,)),
        Segment("heures", (0, 1)),
        Segment(", sinon", (1,)),
        Segment(" : "),
        Segment("sous 48 heures", (0,)),
        Segment(" encore."),
    ]
    assert highlight(text, []) == [Segment(text)]
    assert highlight("", ["x"]) == []
    assert highlight("aaa", ["aa"]) == [Segment("aaa", (0,))]  # overlapping occurrences


def test_highlight_over_the_real_content() -> None:
    example = TRAINING.example("ameli_refund_email")
    marked = [
        s.text
        for paragraph in example.body
        for s in highlight(paragraph, example.quotes_for(Part.BODY))
        if s.highlighted
    ]
    assert set(marked) == {c.quote for c in example.clues if c.part is Part.BODY}


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="abc :’\u202f", max_size=40),
    quotes=st.lists(st.text(alphabet="abc :", max_size=4), max_size=5),
)
def test_highlight_reassembles_the_text(text: str, quotes: list[str]) -> None:
    segments = highlight(text, quotes)
    assert "".join(s.text for s in segments) == text
    assert all(s.text for s in segments)
    for before, after in pairwise(segments):
        assert before.quotes != after.quotes
    for index, quote in enumerate(quotes):
        covered = "".join(s.text if index in s.quotes else "\0" * len(s.text) for s in segments)
        start = text.find(quote) if quote else -1
        if start != -1:
            assert covered[start : start + len(quote)] == quote
