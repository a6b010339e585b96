"""Synthetic contributions for trying the observatory's pages and for the benchmark.

Realistic enough to look like the region: départements weighted roughly by their number of
dentists (Haute-Garonne and Hérault the largest, Lozère the smallest, a few per cent from
elsewhere), size bands as in the profession (mostly small practices), more contributions in
recent months, and answers that hang together: each contribution has a latent "maturity", so a
practice that tests its backups also tends to lock its screens; every question has its own base
rate (a crisis protocol is rare, a locked door common); the region improves slowly over time;
some answers are « Je ne sais pas », and `not_applicable` appears only where the référentiel
allows it (hds_hosting).

Everything comes from one `random.Random(seed)`: the same arguments give the same contributions,
one at a time (a generator: a million never sit in memory together).
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cyberdent.domain.answers import Answer
from cyberdent.domain.observatory.blocks import Contribution
from cyberdent.domain.observatory.cohort import (
    DEPARTEMENT_CODES,
    OTHER_DEPARTEMENT,
    SIZE_BAND_CODES,
    Period,
)
from cyberdent.domain.referential_models import Referential

# Roughly the dentists practising in each département of Occitanie; "autre" about 3 %.
DEPARTEMENT_WEIGHTS: dict[str, float] = {
    "09": 75,
    "11": 210,
    "12": 170,
    "30": 460,
    "31": 1150,
    "32": 90,
    "34": 1050,
    "46": 85,
    "48": 35,
    "65": 140,
    "66": 350,
    "81": 220,
    "82": 130,
    OTHER_DEPARTEMENT: 130,
}
SIZE_BAND_WEIGHTS: dict[str, float] = {"1": 35, "2-5": 45, "6-10": 15, "11+": 5}
# Larger teams are a little better organised (a shift of the latent maturity).
SIZE_BAND_MATURITY: dict[str, float] = {"1": -0.15, "2-5": 0.0, "6-10": 0.2, "11+": 0.35}
MONTHS = 24


@dataclass(frozen=True)
class QuestionRates:
    """How a question is answered by a practice of average maturity, at the start of the
    window: the chance of « oui » among those who know, and of « Je ne sais pas »."""

    yes: float
    unknown: float
    not_applicable: float = 0.0


QUESTION_RATES: dict[str, QuestionRates] = {
    "passwords": QuestionRates(yes=0.55, unknown=0.04),
    "mfa": QuestionRates(yes=0.30, unknown=0.10),
    "backups": QuestionRates(yes=0.45, unknown=0.08),
    "wifi_separation": QuestionRates(yes=0.50, unknown=0.14),
    "updates": QuestionRates(yes=0.62, unknown=0.10),
    "phishing_training": QuestionRates(yes=0.12, unknown=0.03),
    "auto_lock": QuestionRates(yes=0.55, unknown=0.03),
    "data_transfer": QuestionRates(yes=0.40, unknown=0.12),
    "hds_hosting": QuestionRates(yes=0.50, unknown=0.18, not_applicable=0.08),
    "physical_access": QuestionRates(yes=0.82, unknown=0.02),
    "crisis_protocol": QuestionRates(yes=0.10, unknown=0.05),
}
DEFAULT_RATES = QuestionRates(yes=0.40, unknown=0.08)
# How strongly the latent maturity drives every answer, and how much the logit of « oui » gains
# over the whole window (the region slowly improves).
MATURITY_WEIGHT = 1.3
IMPROVEMENT = 0.6
# A more mature practice also knows its set-up better: fewer « Je ne sais pas ».
UNKNOWN_MATURITY_WEIGHT = 0.7


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _pick(rng: random.Random, values: Sequence[str], cumulative: Sequence[float]) -> str:
    return values[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]


@dataclass(frozen=True)
class _Question:
    id: str
    yes_logit: float
    unknown_logit: float
    not_applicable: float


def _questions(ref: Referential) -> list[_Question]:
    out = []
    for question in ref.questions:
        rates = QUESTION_RATES.get(question.id, DEFAULT_RATES)
        out.append(
            _Question(
                question.id,
                _logit(rates.yes),
                _logit(rates.unknown),
                rates.not_applicable if question.allows_not_applicable else 0.0,
            )
        )
    return out


def demo_contributions(
    ref: Referential,
    *,
    count: int,
    seed: int,
    today: Period,
    months: int = MONTHS,
) -> Iterator[Contribution]:
    """`count` synthetic contributions over the `months` months ending at `today`, each
    answering every scored question of `ref`; the same arguments give the same sequence."""
    if count < 0:
        raise ValueError("count must be 0 or more")
    if months < 1:
        raise ValueError("months must be 1 or more")
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not a secret
    departements = [code for code in DEPARTEMENT_CODES if code in DEPARTEMENT_WEIGHTS]
    departement_cumulative = _cumulative([DEPARTEMENT_WEIGHTS[c] for c in departements])
    bands = [code for code in SIZE_BAND_CODES if code in SIZE_BAND_WEIGHTS]
    band_cumulative = _cumulative([SIZE_BAND_WEIGHTS[c] for c in bands])
    # Oldest month first; the newest gets three times the oldest's share.
    periods = [today.shifted(offset - months + 1) for offset in range(months)]
    period_cumulative = _cumulative(
        [1 + 2 * offset / max(months - 1, 1) for offset in range(months)]
    )
    questions = _questions(ref)
    for _ in range(count):
        departement = _pick(rng, departements, departement_cumulative)
        band = _pick(rng, bands, band_cumulative)
        position = bisect.bisect_right(period_cumulative, rng.random() * period_cumulative[-1])
        progress = position / max(months - 1, 1)
        maturity = rng.gauss(SIZE_BAND_MATURITY.get(band, 0.0), 1.0)
        answers: dict[str, Answer] = {}
        for question in questions:
            if question.not_applicable and rng.random() < question.not_applicable:
                answers[question.id] = Answer.NOT_APPLICABLE
                continue
            unknown = _sigmoid(question.unknown_logit - UNKNOWN_MATURITY_WEIGHT * maturity)
            if rng.random() < unknown:
                answers[question.id] = Answer.UNKNOWN
                continue
            yes = _sigmoid(question.yes_logit + MATURITY_WEIGHT * maturity + IMPROVEMENT * progress)
            answers[question.id] = Answer.YES if rng.random() < yes else Answer.NO
        yield Contribution(departement, band, periods[position], answers)
