"""Hand-computed cases of the score, the level, the reasons and the plan."""

from __future__ import annotations

from collections.abc import Callable

from cyberdent.domain.answers import Answers, parse_answers
from cyberdent.domain.assessment import RiskLevel, assess
from cyberdent.domain.plan import Priority
from cyberdent.domain.referential_models import Referential
from tests.conftest import all_yes

Make = Callable[..., Answers]


def test_everything_in_place_is_low_and_still_gets_an_upkeep_plan(
    ref: Referential, make_answers: Make
) -> None:
    result = assess(ref, make_answers())
    assert (result.score, result.max_score, result.level) == (11, 11, RiskLevel.LOW)
    assert result.critical_missing == ()
    priorities = [a.priority for a in result.actions]
    # Complementary questions not answered: the plan asks to check them, then upkeep.
    assert priorities == [Priority.COMPLEMENTARY] * 2 + [Priority.MAINTAIN] * 3
    assert [a.id for a in result.actions if a.priority is Priority.MAINTAIN] == [
        a.id for a in ref.maintenance
    ]
    assert any("risque zéro" in reason for reason in result.reasons)


def test_complementary_in_place_leaves_only_upkeep(ref: Referential) -> None:
    answers = parse_answers(ref, all_yes(cyber_insurance="yes", it_provider="yes"))
    result = assess(ref, answers)
    assert [a.priority for a in result.actions] == [Priority.MAINTAIN] * 3


def test_one_normal_gap_is_still_low(ref: Referential, make_answers: Make) -> None:
    result = assess(ref, make_answers(mfa="no"))
    assert (result.score, result.level) == (10, RiskLevel.LOW)
    assert result.actions[0].id == "act_mfa"
    assert result.actions[0].priority is Priority.NORMAL


def test_two_normal_gaps_make_it_moderate(ref: Referential, make_answers: Make) -> None:
    result = assess(ref, make_answers(mfa="no", updates="no"))
    assert (result.score, result.level) == (9, RiskLevel.MODERATE)
    assert not any(a.priority is Priority.MAINTAIN for a in result.actions)
    assert "9/11" in result.reasons[0]


def test_a_missing_critical_measure_is_high_whatever_the_score(
    ref: Referential, make_answers: Make
) -> None:
    result = assess(ref, make_answers(backups="no"))
    assert (result.score, result.level) == (10, RiskLevel.HIGH)
    assert result.critical_missing == ("backups",)
    assert "sauvegardes" in result.reasons[0].lower()
    assert result.actions[0].priority is Priority.CRITICAL
    assert result.actions[0].question_ids == ("backups",)


def test_score_of_six_is_high_by_the_threshold(ref: Referential, make_answers: Make) -> None:
    # The four critical measures are met; five others are not: 6/11.
    answers = make_answers(
        mfa="no", wifi_separation="no", updates="no", phishing_training="no", auto_lock="no"
    )
    result = assess(ref, answers)
    assert (result.score, result.level) == (6, RiskLevel.HIGH)
    assert result.critical_missing == ()
    assert any("inférieur ou égal à 6" in reason for reason in result.reasons)


def test_score_of_seven_with_critical_met_is_moderate(ref: Referential, make_answers: Make) -> None:
    answers = make_answers(mfa="no", wifi_separation="no", updates="no", phishing_training="no")
    assert assess(ref, answers).level is RiskLevel.MODERATE


def test_unknown_is_never_met_and_is_explained(ref: Referential, make_answers: Make) -> None:
    result = assess(ref, make_answers(backups="unknown", mfa="unknown"))
    assert result.score == 9
    assert result.level is RiskLevel.HIGH
    assert result.unknown == ("mfa", "backups")
    assert any("Je ne sais pas" in reason for reason in result.reasons)
    backup_action = result.actions[0]
    assert backup_action.to_verify
    question = next(q for q in ref.questions if q.id == "backups")
    assert backup_action.steps[0] == question.find_out
    assert backup_action.steps[1:] == tuple(question.action.steps)


def test_hds_not_applicable_counts_as_met(ref: Referential, make_answers: Make) -> None:
    result = assess(ref, make_answers(hds_hosting="not_applicable"))
    assert (result.score, result.level) == (11, RiskLevel.LOW)


def test_plan_order_critical_in_brochure_order_then_by_priority_rank(
    ref: Referential,
) -> None:
    raw = dict.fromkeys(all_yes(), "no")
    raw.update(cyber_insurance="no", it_provider="yes")
    result = assess(ref, parse_answers(ref, raw))
    assert result.score == 0
    critical = [a.question_ids[0] for a in result.actions if a.priority is Priority.CRITICAL]
    assert critical == ["passwords", "backups", "data_transfer", "hds_hosting"]
    normal = [a.question_ids[0] for a in result.actions if a.priority is Priority.NORMAL]
    ranks = {q.id: q.priority for q in ref.questions}
    assert normal == sorted(normal, key=ranks.__getitem__)
    assert len(normal) == 7
    assert [a.id for a in result.actions if a.priority is Priority.COMPLEMENTARY] == [
        "act_cyber_insurance"
    ]
    # Ordering of groups: critical, then normal, then complementary; no upkeep at high risk.
    order = [a.priority for a in result.actions]
    assert order == sorted(order, key=list(Priority).index)
    assert Priority.MAINTAIN not in order


def test_every_action_has_a_title_steps_who_and_effort(ref: Referential) -> None:
    raw = dict.fromkeys(all_yes(), "unknown")
    for action in assess(ref, parse_answers(ref, raw)).actions:
        assert action.title and action.why and action.effort
        assert len(action.steps) >= 2
        assert action.who_label
