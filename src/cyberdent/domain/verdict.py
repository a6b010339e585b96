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
        return f"aucune mesure sur {total} n’est en place"
    verb = plural(score, "est", "sont")
    return f"seulement {count_of(score, 'mesure')} sur {total} {verb} en place"


def _critical_gap(names: list[str]) -> str:
    if len(names) == 1:
        return f"une mesure critique n’est pas assurée ({names[0]})"
    return f"{len(names)} mesures critiques ne sont pas assurées ({join_and(names)})"


def _capital(clause: str) -> str:
    return clause[:1].upper() + clause[1:]


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
                f"Deux raisons : {_critical_gap(names)}, et {_in_place(score, total)}. Il faut "
                f"au moins {count_of(to_add, 'mesure')} de plus, dont "
                f"{plural(len(names), 'la mesure critique', 'les mesures critiques')}, "
                f"pour passer en {LEVEL_NAMES[reached]}."
            )
        if names:
            them = plural(len(names), "la", "les")
            return (
                f"{_capital(_critical_gap(names))} : sans elle{plural(len(names), '', 's')}, "
                "le cabinet reste en risque élevé quel que soit le score. "
                f"{them.capitalize()} mettre en place suffit pour passer en "
                f"{LEVEL_NAMES[reached]}."
            )
        return (
            f"{_capital(_in_place(score, total))} (il en faut au moins {threshold + 1}). "
            f"Les mesures critiques sont assurées : {_suffices(to_add)} pour passer en "
            f"{LEVEL_NAMES[reached]}."
        )
    if level == "moderate":
        return (
            f"Les mesures critiques sont assurées et {score} mesures sur {total} sont en place : "
            f"{_suffices(low_min - score)} pour passer en risque faible."
        )
    everything = (
        "Toutes les mesures sont" if score == total else f"{score} mesures sur {total} sont"
    )
    return (
        f"{everything} en place, dont les mesures critiques. Le risque zéro n’existe pas : "
        "continuez à tester vos sauvegardes, à faire les mises à jour et à refaire le point "
        "régulièrement."
    )
