"""Geometry of the score chart, hand-computed (viewBox 400 × 260, plot from y=24 to y=208)."""

from __future__ import annotations

import datetime as dt

import pytest

from cyberdent.assessments.chart import grid_scores, point_x, score_chart, score_y
from cyberdent.domain.assessment import RiskLevel
from cyberdent.domain.history import ScorePoint
from tests.french import fr


def point(day: int, score: int, level: RiskLevel, label: str) -> ScorePoint:
    return ScorePoint(dt.date(2026, 1, day), score, 11, level, label)


def test_scores_map_to_heights() -> None:
    assert score_y(0, 11) == 208
    assert score_y(11, 11) == 24
    assert score_y(6, 11) == 107.6  # 208 - 184 * 6 / 11 = 107.64
    assert score_y(5, 10) == 116


def test_points_are_spaced_evenly_inside_the_insets() -> None:
    assert point_x(0, 1) == 210  # alone: in the middle of 58..362
    assert [point_x(i, 3) for i in range(3)] == [58, 210, 362]
    assert [point_x(i, 5) for i in range(5)] == [58, 134, 210, 286, 362]


def test_grid_has_even_scores_and_the_maximum() -> None:
    assert grid_scores(11) == (0, 2, 4, 6, 8, 11)
    assert grid_scores(10) == (0, 2, 4, 6, 8, 10)
    assert grid_scores(1) == (0, 1)


def test_chart_of_three_diagnostics() -> None:
    chart = score_chart(
        [
            point(5, 6, RiskLevel.HIGH, "Risque élevé"),
            point(12, 11, RiskLevel.LOW, "Risque faible"),
            point(19, 0, RiskLevel.HIGH, "Risque élevé"),
        ]
    )
    assert [(p.x, p.y, p.label) for p in chart.points] == [
        (58, 107.6, "6/11"),
        (210, 24, "11/11"),
        (362, 208, "0/11"),
    ]
    assert [p.level_word for p in chart.points] == ["élevé", "faible", "élevé"]
    assert [p.date_label for p in chart.points] == ["05/01/26", "12/01/26", "19/01/26"]
    assert chart.polyline == "58,107.6 210,24 362,208"
    assert [g.label for g in chart.grid] == ["0", "2", "4", "6", "8", "11"]
    assert chart.grid[0].y == 208 and chart.grid[-1].y == 24
    assert (chart.left, chart.right, chart.top, chart.bottom) == (36, 384, 24, 208)
    assert chart.axis_label_x == 30
    assert "6/11 le 05/01/2026, 0/11 le 19/01/2026" in chart.description


def test_chart_of_one_diagnostic_has_no_line() -> None:
    chart = score_chart([point(5, 8, RiskLevel.MODERATE, "Risque modéré")])
    assert chart.polyline == ""
    assert chart.points[0].x == 210
    assert chart.description == fr("Un seul diagnostic, le 05/01/2026 : 8/11, risque modéré.")


def test_an_empty_series_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        score_chart([])
