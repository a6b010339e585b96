"""The verdict: one sentence under the level that says why, names the measures, and counts what
it takes to reach the next level. Tailored to its cause: a critical measure not assured, a score
at or under the threshold, or both."""

from __future__ import annotations

from cyberdent.domain.french import count_of, join_and, plural
from cyberdent.domain.referential_models import Referential

LEVEL_NAMES = {"high": "risque élevé", "moderate": "risque modéré", "low": "risque faible"}


def measures_to_leave_high(threshold: int, score: int, missing_critical: int) -> int:
    """The fewest measures to add so that the level is no longer high: every missing critical
    one (they count in the score too), and enough to pass the threshold."""
    return max(missing_critical, threshold + 1 - score, 0)


def _in_place(score: int, total: int) -> str:
    if score == 0:
        return f"aucune mesure sur {total} n'est en place"
    verb = plural(score, "est", "sont")
    return f"seulement {count_of(score, 'mesure')} sur {total} {verb} en place"


def _critical_gap(names: list[str]) -> str:
    if len(names) == 1:
        return f"une mesure critique n'est pas assurée ({names[0]})"
    return f"{len(names)} mesures critiques ne sont pas assurées ({join_and(names)})"


def _because(clause: str) -> str:
    """ "parce qu'une mesure…", "parce que 2 mesures…"."""
    return f"parce qu'{clause}" if clause[0] in "aeiouéu" else f"parce que {clause}"


def _suffices(count: int) -> str:
    return f"{count_of(count, 'mesure')} de plus {plural(count, 'suffit', 'suffisent')}"


def verdict(ref: Referential, score: int, level: str, missing_critical: tuple[str, ...]) -> str:
    """The sentence for this result. `level` is the RiskLevel value (high, moderate, low)."""
    topics = {q.id: q.topic for q in ref.questions}
    total = len(ref.questions)
    threshold = ref.rule.high_if_score_at_most
    low_min = next(lvl.min_score for lvl in ref.rule.levels if lvl.id == "low")
    names = [topics[q] for q in missing_critical]
    if level == "high":
        to_add = measures_to_leave_high(threshold, score, len(missing_critical))
        # What the practice reaches once out of high: moderate, or straight to low.
        reached = "low" if score + to_add >= low_min else "moderate"
        if names and score <= threshold:
            return (
                f"Risque élevé pour deux raisons : {_critical_gap(names)}, et "
                f"{_in_place(score, total)}. Il faut au moins {count_of(to_add, 'mesure')} de "
                f"plus, dont {plural(len(names), 'la mesure critique', 'les mesures critiques')}, "
                f"pour passer en {LEVEL_NAMES[reached]}."
            )
        if names:
            them = plural(len(names), "la", "les")
            return (
                f"Risque élevé {_because(_critical_gap(names))} : sans elle"
                f"{plural(len(names), '', 's')}, le cabinet reste en risque élevé quel que soit "
                f"le score. {them.capitalize()} mettre en place suffit pour passer en "
                f"{LEVEL_NAMES[reached]}."
            )
        return (
            f"Risque élevé {_because(_in_place(score, total))} (il en faut au moins "
            f"{threshold + 1}). Les mesures critiques sont assurées : {_suffices(to_add)} "
            f"pour passer en {LEVEL_NAMES[reached]}."
        )
    if level == "moderate":
        return (
            f"Risque modéré : les mesures critiques sont assurées et {score} mesures sur "
            f"{total} sont en place. {_suffices(low_min - score)} pour passer en risque faible."
        )
    everything = (
        "toutes les mesures sont" if score == total else f"{score} mesures sur {total} sont"
    )
    return (
        f"Risque faible : {everything} en place, dont les mesures critiques. Le risque zéro "
        "n'existe pas : continuez à tester vos sauvegardes, à faire les mises à jour et à refaire "
        "le point régulièrement."
    )
