"""A published table as CSV rows or a JSON document: one format for the CLI and the pages.

CSV columns: the grouping keys, `contributions`, `risk_high`, `risk_moderate`, `risk_low`, then
`met_<question id>` for the 11 scored questions. One row per group, then the total, whose key
columns hold `total`. A withheld figure is an empty field (null in JSON).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cyberdent.domain.observatory.blocks import RISK_LEVELS
from cyberdent.domain.observatory.suppression import K
from cyberdent.domain.observatory.tables import TOTAL, Figures, Table


def csv_header(table: Table, question_ids: Sequence[str]) -> list[str]:
    return [
        *table.query.by,
        "contributions",
        *(f"risk_{level}" for level in RISK_LEVELS),
        *(f"met_{q}" for q in question_ids),
    ]


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def _figures(figures: Figures, question_ids: Sequence[str]) -> list[str]:
    return [
        _cell(figures.contributions),
        *(_cell(figures.risk(level)) for level in RISK_LEVELS),
        *(_cell(figures.met(q)) for q in question_ids),
    ]


def csv_rows(table: Table, question_ids: Sequence[str]) -> list[list[str]]:
    """Header, the groups, then the total."""
    rows = [csv_header(table, question_ids)]
    rows += [[*row.key, *_figures(row.figures, question_ids)] for row in table.rows]
    rows.append([TOTAL] * len(table.query.by) + _figures(table.total, question_ids))
    return rows


def _json_figures(figures: Figures, question_ids: Sequence[str]) -> dict[str, Any]:
    return {
        "contributions": figures.contributions,
        "risk": {level: figures.risk(level) for level in RISK_LEVELS},
        "risk_base": figures.risk_base or None,
        "met": {q: figures.met(q) for q in question_ids},
        "met_base": {q: figures.met_base.get(q) or None for q in question_ids},
    }


def json_document(table: Table, question_ids: Sequence[str]) -> dict[str, Any]:
    query = table.query
    return {
        "rule": {
            "k": K,
            "withheld": "null",
            "method": "/observatoire/methode/",
        },
        "query": {
            "by": list(query.by),
            "from": str(query.start) if query.start else None,
            "to": str(query.end) if query.end else None,
        },
        "rows": [
            {
                **dict(zip(query.by, row.key, strict=True)),
                **_json_figures(row.figures, question_ids),
            }
            for row in table.rows
        ],
        "total": _json_figures(table.total, question_ids),
    }
