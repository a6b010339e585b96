"""Side-by-side measurement: two things measured in the same session, interleaved A/B/B/A over
several rounds, so that a change in the machine's load touches both alike. A ratio is only ever
computed from figures of one such run."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    median: float
    low: float
    high: float
    samples: tuple[float, ...]

    def __str__(self) -> str:
        return f"{self.median:,.1f} (range {self.low:,.1f}–{self.high:,.1f})"


def spread(samples: list[float]) -> Spread:
    return Spread(statistics.median(samples), min(samples), max(samples), tuple(samples))


def interleaved(
    first: Callable[[], float], second: Callable[[], float], rounds: int
) -> tuple[Spread, Spread]:
    """Each callable measures once and returns its figure. Order per round: A B B A."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(rounds):
        a.append(first())
        b.append(second())
        b.append(second())
        a.append(first())
    return spread(a), spread(b)
