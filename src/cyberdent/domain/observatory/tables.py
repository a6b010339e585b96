"""Published tables: figures by group (département, size band, month) over a period.

Every number here is a sum of what blocks publish (suppression.py). A figure whose base is 0
(no block of the group publishes that family) is None: an empty CSV field, « moins de 5 » on
a page. Shares are computed on the figure's own base, never on a withheld count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cyberdent.domain.observatory.blocks import RISK_LEVELS, Block, BlockKey
from cyberdent.domain.observatory.cohort import (
    DEPARTEMENT_CODES,
    OTHER_DEPARTEMENT,
    SIZE_BAND_CODES,
    Period,
    months_between,
)
from cyberdent.domain.observatory.suppression import PublishedBlock, publish

GROUPINGS: tuple[str, ...] = ("departement", "size_band", "period")
TOTAL = "total"


@dataclass(frozen=True)
class Query:
    """Which groups (in this order) and which months, both ends included; None: no bound."""

    by: tuple[str, ...] = ()
    start: Period | None = None
    end: Period | None = None

    def __post_init__(self) -> None:
        unknown = [key for key in self.by if key not in GROUPINGS]
        if unknown or len(set(self.by)) != len(self.by):
            raise ValueError(f"grouping must be distinct keys among {', '.join(GROUPINGS)}")
        if self.start and self.end and self.end < self.start:
            raise ValueError("la fin de la période est avant son début")

    def covers(self, period: Period) -> bool:
        return (self.start is None or self.start <= period) and (
            self.end is None or period <= self.end
        )


@dataclass
class Figures:
    """Published counts of one group. `*_base`: the contributions of the blocks counted."""

    question_ids: Sequence[str]
    n: int = 0
    risk_counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RISK_LEVELS, 0))
    risk_base: int = 0
    met_counts: dict[str, int] = field(default_factory=dict)
    met_base: dict[str, int] = field(default_factory=dict)

    def add(self, block: Block) -> None:
        self.add_published(publish(block, self.question_ids))

    def add_published(self, published: PublishedBlock) -> None:
        """What one block lets through (decided once per block, whatever the grouping)."""
        if published.n is None:
            return
        self.n += published.n
        if published.risk is not None:
            self.risk_base += published.n
            for level, count in published.risk.items():
                self.risk_counts[level] += count
        for question, met in published.met.items():
            if met is not None:
                self.met_base[question] = self.met_base.get(question, 0) + published.n
                self.met_counts[question] = self.met_counts.get(question, 0) + met

    @property
    def contributions(self) -> int | None:
        return self.n or None

    def risk(self, level: str) -> int | None:
        return self.risk_counts[level] if self.risk_base else None

    def met(self, question: str) -> int | None:
        return self.met_counts.get(question, 0) if self.met_base.get(question) else None

    def risk_share(self, level: str) -> float | None:
        return self.risk_counts[level] / self.risk_base if self.risk_base else None

    def met_share(self, question: str) -> float | None:
        base = self.met_base.get(question, 0)
        return self.met_counts.get(question, 0) / base if base else None


@dataclass(frozen=True)
class Row:
    key: tuple[str, ...]
    figures: Figures


@dataclass(frozen=True)
class Table:
    query: Query
    rows: list[Row]
    total: Figures


def _values(name: str, query: Query, blocks: Sequence[Block]) -> list[str]:
    if name == "departement":
        return list(DEPARTEMENT_CODES)
    if name == "size_band":
        return list(SIZE_BAND_CODES)
    periods = [b.key.period for b in blocks]
    start = query.start or (min(periods) if periods else None)
    end = query.end or (max(periods) if periods else None)
    if start is None or end is None:
        return []
    return [str(p) for p in months_between(start, end)]


def _group_of(key: BlockKey, by: tuple[str, ...]) -> tuple[str, ...]:
    parts = {"departement": key.departement, "size_band": key.size_band, "period": str(key.period)}
    return tuple(parts[name] for name in by)


def published_blocks(
    blocks: Iterable[Block], question_ids: Sequence[str]
) -> list[tuple[Block, PublishedBlock]]:
    """Each block with what it lets through, decided once (several tables may share this)."""
    return [(b, publish(b, question_ids)) for b in blocks]


def table(blocks: Iterable[Block], query: Query, question_ids: Sequence[str]) -> Table:
    """The published table of `query`: every group (even empty ones) in a fixed order, then
    the total, which is exactly the sum of the rows."""
    return table_of_published(published_blocks(blocks, question_ids), query, question_ids)


def table_of_published(
    blocks: Sequence[tuple[Block, PublishedBlock]], query: Query, question_ids: Sequence[str]
) -> Table:
    """`table` over blocks whose publication is already decided (see published_blocks)."""
    # Only blocks that publish their contributions: one of 1–4 must leave no trace, not even a
    # month at the edge of the range or a row of its own (they would say someone answered).
    published = [(b, p) for b, p in blocks if p.n and query.covers(b.key.period)]
    covered = [b for b, _ in published]
    keys: list[tuple[str, ...]] = [()]
    for name in query.by:
        values = _values(name, query, covered)
        keys = [(*k, v) for k in keys for v in values]
    groups = {k: Figures(question_ids) for k in keys} if query.by else {}
    total = Figures(question_ids)
    for block, lets_through in published:
        total.add_published(lets_through)
        if query.by:
            group = _group_of(block.key, query.by)
            groups.setdefault(group, Figures(question_ids)).add_published(lets_through)
    rows = [Row(k, f) for k, f in groups.items()] if query.by else []
    return Table(query, rows, total)


@dataclass(frozen=True)
class Standing:
    """How common a measure is among comparable practices, and among whom."""

    share: float
    base: int
    scope: str  # "departement" or "region"


def standing(
    blocks: Iterable[Block],
    *,
    departement: str,
    today: Period,
    question_ids: Sequence[str],
) -> dict[str, Standing]:
    """For each question: the share of the département's contributions of the last 12 months
    that meet it, when published; otherwise the region's (Occitanie, "autre" excluded);
    otherwise nothing."""
    window = Query(start=today.shifted(-11), end=today)
    region = Figures(question_ids)
    local = Figures(question_ids)
    for block in blocks:
        if not window.covers(block.key.period) or block.key.departement == OTHER_DEPARTEMENT:
            continue
        region.add(block)
        if block.key.departement == departement:
            local.add(block)
    out: dict[str, Standing] = {}
    for question in question_ids:
        for scope, figures in (("departement", local), ("region", region)):
            share = figures.met_share(question)
            if share is not None:
                out[question] = Standing(share, figures.met_base[question], scope)
                break
    return out
