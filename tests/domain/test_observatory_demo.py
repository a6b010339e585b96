"""The demo generator: deterministic, lazy, valid, and shaped like the region."""

from __future__ import annotations

import itertools
import types
from collections import Counter

import pytest

from cyberdent.domain.answers import Answer, allowed_answers, is_met
from cyberdent.domain.observatory.blocks import Contribution, blocks_of, tally
from cyberdent.domain.observatory.cohort import DEPARTEMENT_CODES, SIZE_BAND_CODES, Period
from cyberdent.domain.observatory.demo import demo_contributions
from cyberdent.domain.referential_models import Referential

TODAY = Period(2026, 3)
N = 20_000


@pytest.fixture(scope="module")
def sample(ref: Referential) -> list[Contribution]:
    return list(demo_contributions(ref, count=N, seed=7, today=TODAY))


def test_same_seed_same_contributions_other_seed_other(ref: Referential) -> None:
    first = list(demo_contributions(ref, count=500, seed=1, today=TODAY))
    again = list(demo_contributions(ref, count=500, seed=1, today=TODAY))
    other = list(demo_contributions(ref, count=500, seed=2, today=TODAY))
    assert first == again
    assert first != other
    assert len(first) == 500


def test_a_generator_not_a_list(ref: Referential) -> None:
    produced = demo_contributions(ref, count=10**9, seed=1, today=TODAY)
    assert isinstance(produced, types.GeneratorType)
    assert len(list(itertools.islice(produced, 3))) == 3  # a billion would not fit in memory


def test_bad_arguments(ref: Referential) -> None:
    with pytest.raises(ValueError, match="count"):
        list(demo_contributions(ref, count=-1, seed=1, today=TODAY))
    with pytest.raises(ValueError, match="months"):
        list(demo_contributions(ref, count=1, seed=1, today=TODAY, months=0))
    assert list(demo_contributions(ref, count=0, seed=1, today=TODAY)) == []


def test_every_contribution_is_valid(ref: Referential, sample: list[Contribution]) -> None:
    questions = {q.id: q for q in ref.questions}
    first = TODAY.shifted(-23)
    for contribution in sample:
        assert contribution.departement in DEPARTEMENT_CODES
        assert contribution.size_band in SIZE_BAND_CODES
        assert first <= contribution.period <= TODAY
        assert set(contribution.answers) == set(questions)
        for question_id, answer in contribution.answers.items():
            assert answer in allowed_answers(questions[question_id])
    # and the store's roll-up accepts them
    assert sum(block.n for block in blocks_of(ref, sample)) == N


def test_not_applicable_only_for_hds_hosting(sample: list[Contribution]) -> None:
    where = Counter(q for c in sample for q, a in c.answers.items() if a is Answer.NOT_APPLICABLE)
    assert set(where) == {"hds_hosting"}
    assert 0.03 < where["hds_hosting"] / N < 0.15


def test_departements_weighted_like_the_region(sample: list[Contribution]) -> None:
    counts = Counter(c.departement for c in sample)
    ranked = [code for code, _ in counts.most_common()]
    assert set(ranked[:2]) == {"31", "34"}
    assert ranked[-1] == "48"
    assert set(counts) == set(DEPARTEMENT_CODES)  # every one appears, "autre" included
    assert 0.01 < counts["autre"] / N < 0.06


def test_size_bands_mostly_small(sample: list[Contribution]) -> None:
    shares = {band: count / N for band, count in Counter(c.size_band for c in sample).items()}
    assert shares["1"] == pytest.approx(0.35, abs=0.02)
    assert shares["2-5"] == pytest.approx(0.45, abs=0.02)
    assert shares["6-10"] == pytest.approx(0.15, abs=0.02)
    assert shares["11+"] == pytest.approx(0.05, abs=0.01)


def test_more_contributions_recently(sample: list[Contribution]) -> None:
    periods = Counter(c.period for c in sample)
    assert set(periods) == {TODAY.shifted(-i) for i in range(24)}
    old = sum(periods[TODAY.shifted(-i)] for i in range(18, 24))
    recent = sum(periods[TODAY.shifted(-i)] for i in range(6))
    assert recent > 2 * old


def _rate(contributions: list[Contribution], question: str) -> float:
    return sum(is_met(c.answers[question]) for c in contributions) / len(contributions)


def test_questions_have_their_own_rates(sample: list[Contribution]) -> None:
    assert _rate(sample, "physical_access") > 0.65
    assert _rate(sample, "phishing_training") < 0.3
    assert _rate(sample, "crisis_protocol") < 0.3
    unknown = Counter(q for c in sample for q, a in c.answers.items() if a is Answer.UNKNOWN)
    assert all(unknown[q] > 0 for q in sample[0].answers)
    assert unknown["hds_hosting"] > unknown["auto_lock"]  # hosting is what people do not know


def _questions(sample: list[Contribution]) -> list[Contribution]:
    return [types.SimpleNamespace(id=q) for q in sample[0].answers]


def test_answers_correlate(sample: list[Contribution]) -> None:
    # A practice that tests its backups more often locks its screens too (latent maturity).
    with_backups = [c for c in sample if c.answers["backups"] is Answer.YES]
    without = [c for c in sample if c.answers["backups"] is Answer.NO]
    assert _rate(with_backups, "auto_lock") > _rate(without, "auto_lock") + 0.15


def test_slow_improvement_over_time(sample: list[Contribution]) -> None:
    old = [c for c in sample if c.period <= TODAY.shifted(-18)]
    recent = [c for c in sample if c.period >= TODAY.shifted(-5)]
    for question in ("mfa", "backups", "passwords"):
        assert _rate(recent, question) > _rate(old, question) + 0.03


def test_every_risk_level_occurs(ref: Referential, sample: list[Contribution]) -> None:
    levels = Counter(tally(ref, c.answers).level for c in sample)
    assert set(levels) == {"high", "moderate", "low"}
    assert levels["high"] > levels["moderate"] > 0
