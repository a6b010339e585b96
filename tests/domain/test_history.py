"""Diagnostics over time: score series, evolution of each question, comparison."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cyberdent.domain.answers import Answer, Answers
from cyberdent.domain.assessment import RiskLevel, assess
from cyberdent.domain.history import (
    Change,
    Comparison,
    change_of,
    compare,
    question_evolution,
    score_series,
)
from cyberdent.domain.referential_models import Referential
from tests.conftest import QUESTION_IDS

MakeAnswers = Callable[..., Answers]


def test_change_counts_only_met_and_not_met() -> None:
    assert change_of(Answer.NO, Answer.YES) is Change.IMPROVED
    assert change_of(Answer.UNKNOWN, Answer.NOT_APPLICABLE) is Change.IMPROVED
    assert change_of(None, Answer.YES) is Change.IMPROVED
    assert change_of(Answer.YES, Answer.UNKNOWN) is Change.REGRESSED
    assert change_of(Answer.NOT_APPLICABLE, Answer.NO) is Change.REGRESSED
    assert change_of(Answer.NO, Answer.UNKNOWN) is Change.UNCHANGED
    assert change_of(Answer.YES, Answer.NOT_APPLICABLE) is Change.UNCHANGED


def test_compare_hand_computed(ref: Referential, make_answers: MakeAnswers) -> None:
    # before: backups, mfa, updates not met (8/11); after: backups and mfa fixed,
    # passwords lost, updates still "unknown", hds "not applicable" (still met).
    before = make_answers(backups="no", mfa="unknown", updates="no")
    after = make_answers(passwords="no", updates="unknown", hds_hosting="not_applicable")
    result = compare(ref, before, after)
    assert result == Comparison(
        improved=("mfa", "backups"),
        regressed=("passwords",),
        unchanged=tuple(q for q in QUESTION_IDS if q not in {"mfa", "backups", "passwords"}),
        still_missing=("updates",),
    )


def test_compare_identical_answers(ref: Referential, make_answers: MakeAnswers) -> None:
    answers = make_answers(wifi_separation="no", crisis_protocol="unknown")
    result = compare(ref, answers, answers)
    assert (result.improved, result.regressed) == ((), ())
    assert result.unchanged == QUESTION_IDS
    assert result.still_missing == ("wifi_separation", "crisis_protocol")


def test_compare_with_a_question_absent_from_an_older_diagnostic(
    ref: Referential, make_answers: MakeAnswers
) -> None:
    after = make_answers()
    before = Answers(
        scored={k: v for k, v in after.scored.items() if k != "crisis_protocol"},
        complementary={},
    )
    assert compare(ref, before, after).improved == ("crisis_protocol",)
    assert compare(ref, after, before).regressed == ("crisis_protocol",)


def test_score_series_keeps_order_and_levels(ref: Referential, make_answers: MakeAnswers) -> None:
    first = assess(ref, make_answers(backups="no", mfa="no"))  # 9/11, critical gap: high
    second = assess(ref, make_answers(mfa="no"))  # 10/11: low
    third = assess(ref, make_answers(mfa="no", updates="no", auto_lock="no"))  # 8/11: moderate
    days = [dt.date(2026, 1, 5), dt.date(2026, 4, 2), dt.date(2026, 7, 1)]
    series = score_series(zip(days, [first, second, third], strict=True))
    assert [(p.date, p.score, p.max_score, p.level) for p in series] == [
        (days[0], 9, 11, RiskLevel.HIGH),
        (days[1], 10, 11, RiskLevel.LOW),
        (days[2], 8, 11, RiskLevel.MODERATE),
    ]
    assert [p.level_label for p in series] == ["Risque élevé", "Risque faible", "Risque modéré"]
    assert score_series([]) == ()


def test_question_evolution_rows(ref: Referential, make_answers: MakeAnswers) -> None:
    history = [
        make_answers(backups="no", mfa="unknown"),
        make_answers(backups="unknown", mfa="yes", passwords="no"),
        make_answers(backups="yes", passwords="no", hds_hosting="not_applicable"),
    ]
    rows = {row.question_id: row for row in question_evolution(ref, history)}
    assert [r.number for r in rows.values()] == list(range(1, 12))
    backups = rows["backups"]
    assert [c.label for c in backups.cells] == ["Non", "Je ne sais pas", "Oui"]
    assert [c.met for c in backups.cells] == [False, False, True]
    assert (backups.change, backups.change_label, backups.critical) == (
        Change.IMPROVED,
        "En progrès",
        True,
    )
    assert rows["passwords"].change is Change.REGRESSED
    assert rows["passwords"].change_label == "En recul"
    # mfa: unknown → yes → yes: improved between the first and the last.
    assert rows["mfa"].change is Change.IMPROVED
    assert [c.label for c in rows["hds_hosting"].cells] == ["Oui", "Oui", "Non concerné"]
    assert rows["hds_hosting"].change is Change.UNCHANGED
    assert rows["mfa"].critical is False


def test_question_evolution_of_one_and_of_none(ref: Referential, make_answers: MakeAnswers) -> None:
    one = question_evolution(ref, [make_answers(mfa="no")])
    assert all(row.change is Change.UNCHANGED for row in one)
    assert [c.label for c in one[1].cells] == ["Non"]
    none = question_evolution(ref, [])
    assert len(none) == 11 and none[0].cells == ()


def test_question_evolution_marks_a_missing_answer(
    ref: Referential, make_answers: MakeAnswers
) -> None:
    full = make_answers()
    partial = Answers(scored={k: v for k, v in full.scored.items() if k != "mfa"}, complementary={})
    mfa = question_evolution(ref, [partial, full])[1]
    assert [(c.answer, c.label, c.met) for c in mfa.cells] == [
        (None, "Non renseigné", False),
        (Answer.YES, "Oui", True),
    ]
