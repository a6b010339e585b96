"""The verdict under the level: tailored to its cause, names the measures, and its count is
true — checked over every yes/no combination by adding the measures it asks for."""

from __future__ import annotations

import itertools
import re

import pytest

from cyberdent.domain.answers import Answer, Answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.french import count_of, join_and, plural
from cyberdent.domain.referential_models import Referential
from tests.conftest import QUESTION_IDS
from tests.french import fr

LEVEL_WORDS = {"risque modéré": "moderate", "risque faible": "low"}


def result(ref: Referential, missing: set[str]):  # type: ignore[no-untyped-def]
    scored = {q: (Answer.NO if q in missing else Answer.YES) for q in QUESTION_IDS}
    return assess(ref, Answers(scored=scored, complementary={}))


def test_eight_out_of_eleven_without_critical_gap_needs_two_more(ref: Referential) -> None:
    a = result(ref, {"mfa", "wifi_separation", "updates"})
    assert a.level == "moderate"
    assert "2 mesures de plus suffisent pour passer en risque faible" in a.verdict
    assert "(s)" not in a.verdict and "point" not in " ".join(a.reasons)


def test_critical_gap_only_names_it_and_says_one_measure_is_enough(ref: Referential) -> None:
    a = result(ref, {"backups"})
    assert a.verdict.startswith(fr("Une mesure critique n'est pas assurée"))
    assert "(sauvegardes testées)" in a.verdict
    assert "La mettre en place suffit pour passer en risque faible" in a.verdict
    assert "Deux raisons" not in a.verdict


def test_low_score_only_says_how_many_are_in_place(ref: Referential) -> None:
    a = result(ref, {"mfa", "wifi_separation", "updates", "phishing_training", "auto_lock"})
    assert a.verdict.startswith("Seulement 6 mesures sur 11 sont en place")
    assert "1 mesure de plus suffit pour passer en risque modéré" in a.verdict
    assert "critique n'est pas" not in a.verdict


def test_both_causes_are_named(ref: Referential) -> None:
    a = result(
        ref, {"mfa", "wifi_separation", "updates", "phishing_training", "auto_lock", "backups"}
    )
    assert a.verdict.startswith(fr("Deux raisons :"))
    assert "sauvegardes testées" in a.verdict and "seulement 5 mesures sur 11" in a.verdict
    assert "Il faut au moins 2 mesures de plus, dont la mesure critique" in a.verdict


def test_nothing_in_place_reads_aucune(ref: Referential) -> None:
    a = result(ref, set(QUESTION_IDS))
    assert fr("aucune mesure sur 11 n'est en place") in a.verdict
    assert "4 mesures critiques ne sont pas assurées" in a.verdict


def test_everything_in_place(ref: Referential) -> None:
    assert result(ref, set()).verdict.startswith("Toutes les mesures sont en place")


@pytest.mark.parametrize(("count", "word"), [(0, "mesure"), (1, "mesure"), (2, "mesures")])
def test_french_plural_counts_zero_and_one_as_singular(count: int, word: str) -> None:
    assert plural(count, "mesure") == word
    assert count_of(count, "mesure") == f"{count} {word}"


def test_join_and() -> None:
    assert join_and(["a"]) == "a"
    assert join_and(["a", "b", "c"]) == "a, b et c"


def test_every_count_is_true_and_the_least(ref: Referential) -> None:
    """For each of the 2^11 yes/no results: adding the number of measures the verdict names —
    the critical ones first, then others — reaches the level it promises; one fewer does not."""
    critical = [q for q in QUESTION_IDS if q in ref.rule.critical]
    for combo in itertools.product((True, False), repeat=len(QUESTION_IDS)):
        missing = {q for q, met in zip(QUESTION_IDS, combo, strict=True) if not met}
        a = result(ref, missing)
        match = re.search(r"(\d+) mesures? de plus.*?pour passer en (risque \w+)", a.verdict)
        solo = re.search(r"(La|Les) mettre en place suffit pour passer en (risque \w+)", a.verdict)
        if a.level == "low":
            assert match is None and solo is None
            continue
        assert match or solo, a.verdict
        if match:
            to_add, promised = int(match.group(1)), LEVEL_WORDS[match.group(2)]
        else:
            assert solo is not None
            to_add, promised = len(a.critical_missing), LEVEL_WORDS[solo.group(2)]
        order = [q for q in critical if q in missing] + [
            q for q in QUESTION_IDS if q in missing and q not in critical
        ]
        after = result(ref, missing - set(order[:to_add]))
        assert after.level == promised, (a.verdict, after.level)
        fewer = result(ref, missing - set(order[: to_add - 1]))
        assert fewer.level != promised or to_add == 0, a.verdict
