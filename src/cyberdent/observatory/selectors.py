"""Reads of the observatory: the published tables and the comparison, always from blocks."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cyberdent.domain.observatory.blocks import Block, BlockKey, merged
from cyberdent.domain.observatory.cohort import Period
from cyberdent.domain.observatory.tables import Query, Standing, Table, standing, table
from cyberdent.domain.referential_models import Referential
from cyberdent.observatory import models
from cyberdent.observatory.slots import contribution_slot


def current_period() -> Period:
    today = timezone.localdate()
    return Period(today.year, today.month)


def _blocks(start: Period | None = None, end: Period | None = None) -> list[Block]:
    rows = models.Block.objects.all()
    if start is not None:
        rows = rows.filter(period__gte=str(start))
    if end is not None:
        rows = rows.filter(period__lte=str(end))
    return merged(
        Block(
            BlockKey(row.departement, row.size_band, Period.parse(row.period)),
            row.n,
            {"high": row.high, "moderate": row.moderate, "low": row.low},
            dict(row.met),
        )
        for row in rows.only(
            "departement", "size_band", "period", "n", "high", "moderate", "low", "met"
        ).iterator(chunk_size=5000)
    )


def observatory_table(*, ref: Referential, query: Query) -> Table:
    return table(_blocks(query.start, query.end), query, [q.id for q in ref.questions])


def observatory_standing(*, ref: Referential, departement: str) -> dict[str, Standing]:
    today = current_period()
    return standing(
        _blocks(today.shifted(-11), today),
        departement=departement,
        today=today,
        question_ids=[q.id for q in ref.questions],
    )


def observatory_has_demo() -> bool:
    return models.Block.objects.filter(demo=True).exists()


def is_union_staff(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and models.StaffMember.objects.filter(user_id=user.pk).exists()
    )


def contribution_exists(*, contributor: str, period: Period) -> bool:
    """Whether this contributor has a contribution for this month (a lookup, nothing stored)."""
    slot = contribution_slot(contributor=contributor, period=period)
    return models.Contribution.objects.filter(slot=slot).exists()
