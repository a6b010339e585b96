"""Geometry of the score chart: scores and dates → SVG coordinates (presentation only).

The SVG is drawn in a fixed viewBox and scaled to the page width by the browser, so the
coordinates here are in viewBox units. Diagnostics are spaced evenly, oldest on the left:
the order matters to a dentist, not the exact number of days between two diagnostics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cyberdent.domain.assessment import RiskLevel
from cyberdent.domain.history import ScorePoint

# A viewBox close to a phone's width keeps the text legible at 390 px.
WIDTH = 400
HEIGHT = 260
LEFT = 36  # room for the score labels of the axis
RIGHT = 16
TOP = 24  # room for the label above a point at the maximum score
BOTTOM = 52  # room for two lines under each point: the date and the level
INSET = 22  # keeps the first and last points' labels inside the box

LEVEL_WORDS: dict[RiskLevel, str] = {
    RiskLevel.HIGH: "élevé",
    RiskLevel.MODERATE: "modéré",
    RiskLevel.LOW: "faible",
}


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str  # "9/11"
    date_label: str  # "05/01/26"
    level: str  # "high" | "moderate" | "low", for the marker's class
    level_word: str  # "élevé", written under the date: the level is never colour alone


@dataclass(frozen=True)
class GridLine:
    y: float
    label: str


@dataclass(frozen=True)
class ScoreChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    points: tuple[ChartPoint, ...]
    grid: tuple[GridLine, ...]
    description: str

    @property
    def axis_label_x(self) -> float:
        return self.left - 6

    @property
    def polyline(self) -> str:
        """The `points` attribute of the line joining the scores (empty for one point)."""
        if len(self.points) < 2:
            return ""
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points)


def _round(value: float) -> float:
    return round(value, 1)


def score_y(score: int, max_score: int) -> float:
    """0 on the bottom line of the plot, the maximum score on its top line."""
    plot_height = HEIGHT - TOP - BOTTOM
    return _round(HEIGHT - BOTTOM - plot_height * score / max_score)


def point_x(index: int, count: int) -> float:
    """Evenly spaced from left to right; a single point sits in the middle."""
    first, last = LEFT + INSET, WIDTH - RIGHT - INSET
    if count == 1:
        return _round((first + last) / 2)
    return _round(first + (last - first) * index / (count - 1))


def grid_scores(max_score: int) -> tuple[int, ...]:
    """Even scores and the maximum, without an even score right under an odd maximum (its
    label would touch the maximum's): 0, 2, 4, 6, 8, 11 for 11 questions."""
    evens = (s for s in range(0, max_score + 1, 2) if s == 0 or max_score - s != 1)
    return tuple(sorted({*evens, max_score}))


def score_chart(series: Sequence[ScorePoint]) -> ScoreChart:
    """The chart of a non-empty series, oldest first."""
    if not series:
        raise ValueError("a chart needs at least one diagnostic")
    max_score = max(p.max_score for p in series)
    points = tuple(
        ChartPoint(
            x=point_x(i, len(series)),
            y=score_y(p.score, max_score),
            label=f"{p.score}/{p.max_score}",
            date_label=p.date.strftime("%d/%m/%y"),
            level=p.level.value,
            level_word=LEVEL_WORDS[p.level],
        )
        for i, p in enumerate(series)
    )
    first, last = series[0], series[-1]
    if len(series) == 1:
        description = (
            f"Un seul diagnostic, le {first.date:%d/%m/%Y} : {first.score}/{first.max_score}, "
            f"{first.level_label.lower()}."
        )
    else:
        description = (
            f"Score des {len(series)} derniers diagnostics, du plus ancien au plus récent : "
            f"{first.score}/{first.max_score} le {first.date:%d/%m/%Y}, "
            f"{last.score}/{last.max_score} le {last.date:%d/%m/%Y}. "
            "Le détail est dans le tableau qui suit."
        )
    return ScoreChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=HEIGHT - BOTTOM,
        points=points,
        grid=tuple(GridLine(score_y(s, max_score), str(s)) for s in grid_scores(max_score)),
        description=description,
    )
