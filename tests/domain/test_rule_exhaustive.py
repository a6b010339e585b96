"""The brochure's rule, checked over every combination of answers.

The expected level is computed by an independent formulation written here from the brochure's
words, with its numbers written out, not read from the référentiel.
"""

from __future__ import annotations

import itertools

from cyberdent.domain.answers import Answer, Answers
from cyberdent.domain.assessment import compute_score, critical_missing, risk_level
from cyberdent.domain.referential_models import Referential
from tests.conftest import QUESTION_IDS

# "sauvegardes testées, sécurisation des accès, hébergement HDS ou protection des données"
BROCHURE_CRITICAL = {"backups", "passwords", "hds_hosting", "data_transfer"}


def expected(values: dict[str, str]) -> tuple[int, str]:
    met = {
        qid
        for qid, v in values.items()
        if v == "yes" or (qid == "hds_hosting" and v == "not_applicable")
    }
    score = len(met)
    if score <= 6 or not met >= BROCHURE_CRITICAL:
        return score, "high"
    return score, ("moderate" if score <= 9 else "low")


def combinations() -> itertools.chain[tuple[str, ...]]:
    base = itertools.product(("yes", "no", "unknown"), repeat=11)
    hds_index = QUESTION_IDS.index("hds_hosting")
    na_variants = (
        (*combo[:hds_index], "not_applicable", *combo[hds_index:])
        for combo in itertools.product(("yes", "no", "unknown"), repeat=10)
    )
    return itertools.chain(base, na_variants)


def test_rule_matches_independent_formulation_for_every_combination(ref: Referential) -> None:
    checked = 0
    counts = {"high": 0, "moderate": 0, "low": 0}
    for combo in combinations():
        values = dict(zip(QUESTION_IDS, combo, strict=True))
        answers = Answers(scored={k: Answer(v) for k, v in values.items()}, complementary={})
        score = compute_score(ref, answers)
        level = risk_level(ref, score, critical_missing(ref, answers))
        assert (score, level.value) == expected(values), values
        counts[level.value] += 1
        checked += 1
    assert checked == 3**11 + 3**10
    # Low needs 10+ met with all four critical met: every scenario is actually exercised.
    assert all(counts.values())
