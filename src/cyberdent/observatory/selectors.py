"""Reads of the observatory: the published tables and the comparison, always from blocks."""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from cyberdent.domain.observatory.blocks import Block, BlockKey, merged
from cyberdent.domain.observatory.cohort import Period
from cyberdent.domain.observatory.tables import (
    Query,
    Standing,
    Table,
    published_blocks,
    standing,
    table_of_published,
)
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
    periods: dict[str, Period] = {}
    columns = ("departement", "size_band", "period", "n", "high", "moderate", "low", "met")
    blocks = []
    for departement, size_band, period, n, high, moderate, low, met in rows.values_list(*columns):
        if period not in periods:
            periods[period] = Period.parse(period)
        risk = {"high": high, "moderate": moderate, "low": low}
        blocks.append(Block(BlockKey(departement, size_band, periods[period]), n, risk, met))
    return merged(blocks)


def observatory_table(*, ref: Referential, query: Query) -> Table:
    return observatory_tables(ref=ref, queries=[query])[0]


def observatory_tables(*, ref: Referential, queries: list[Query]) -> list[Table]:
    """Several tables of the same months from one read of the blocks (a page shows three)."""
    starts = {q.start for q in queries}
    ends = {q.end for q in queries}
    start = None if None in starts else min(s for s in starts if s is not None)
    end = None if None in ends else max(e for e in ends if e is not None)
    question_ids = [q.id for q in ref.questions]
    published = published_blocks(_blocks(start, end), question_ids)
    return [table_of_published(published, query, question_ids) for query in queries]


# The figures under a result change only when a block does, yet every result page shows them:
# each process keeps what it computed, keyed by a generation that every write of the blocks
# replaces in the shared cache (services.blocks_changed), so every worker sees a change.
GENERATION_KEY = "observatory:blocks-generation"
MAX_STANDINGS = 256
_standings: dict[tuple[str, str, str, Period, str], dict[str, Standing]] = {}


# The generation itself is read from the shared cache at most once a second per process (it
# was a database query on every result page): a write shows at once in the worker that made
# it (forget_generation) and within GENERATION_TTL_SECONDS in the others.
GENERATION_TTL_SECONDS = 1.0
_generation: tuple[float, str] | None = None


def blocks_generation() -> str:
    global _generation
    now = time.monotonic()
    if _generation is None or now - _generation[0] > GENERATION_TTL_SECONDS:
        read = str(cache.get_or_set(GENERATION_KEY, lambda: uuid.uuid4().hex, timeout=None))
        _generation = (now, read)
    return _generation[1]


def forget_generation() -> None:
    global _generation
    _generation = None


def observatory_standing(*, ref: Referential, departement: str) -> dict[str, Standing]:
    today = current_period()
    key = (ref.id, ref.version, departement, today, blocks_generation())
    found = _standings.get(key)
    if found is None:
        found = standing(
            _blocks(today.shifted(-11), today),
            departement=departement,
            today=today,
            question_ids=[q.id for q in ref.questions],
        )
        if len(_standings) >= MAX_STANDINGS:
            _standings.clear()
        _standings[key] = found
    return found


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
