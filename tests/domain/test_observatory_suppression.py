"""The k = 5 publication rule: no published count, and none derivable, lies in 1–4.

Unit tests of the rule's pieces, then properties over random tables (blocks of every size,
random queries): every published figure, every difference of published figures the issue
lists (a row minus a count, the total minus rows, levels minus levels, nested or shifted
windows, coarse minus fine groupings) is 0 or ≥ 5; and what a block withholds can be changed
without changing one published character.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import combinations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cyberdent.domain.answers import Answer
from cyberdent.domain.loader import default_referential
from cyberdent.domain.observatory.blocks import (
    RISK_LEVELS,
    Block,
    BlockKey,
    Contribution,
    blocks_of,
    tally,
)
from cyberdent.domain.observatory.cohort import Period
from cyberdent.domain.observatory.export import csv_rows, json_document
from cyberdent.domain.observatory.suppression import (
    K,
    PublishedBlock,
    every_sum_is_safe,
    is_safe,
    publish,
)
from cyberdent.domain.observatory.tables import Figures, Query, Table, table
from tests.conftest import QUESTION_IDS
from tests.domain.observatory_strategies import (
    ALLOWED,
    PERIODS,
    answer_sets,
    block_sets,
    blocks_with,
    contribution_sets,
    queries,
)

REF = default_referential()
KEY = BlockKey("31", "2-5", Period(2025, 3))
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The non-derivability checks compare whole CSV and JSON documents of several queries.
HEAVY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def block(n: int, risk: tuple[int, int, int] = (0, 0, 0), **met: int) -> Block:
    return Block(KEY, n, dict(zip(RISK_LEVELS, risk, strict=True)), dict(met))


def safe(value: int) -> bool:
    return value == 0 or value >= K


# --- is_safe, every_sum_is_safe


@pytest.mark.parametrize(("count", "expected"), [(0, True), (1, False), (4, False), (5, True)])
def test_is_safe_is_zero_or_at_least_five(count: int, expected: bool) -> None:
    assert is_safe(count) is expected


def test_is_safe_over_a_range() -> None:
    assert [c for c in range(0, 12) if not is_safe(c)] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((3, 10), False),  # 3 itself
        ((0, 7), True),
        ((5, 5), True),
        ((10, 0, 0), True),
        ((5, 5, 2), False),  # 2, and 5 + 2 = 7 but 2 alone is in 1–4
        ((5, 5, 5), True),
        ((6, 7, 0), True),
        ((4, 4, 4), False),
        ((), True),
    ],
)
def test_every_sum_is_safe(parts: tuple[int, ...], expected: bool) -> None:
    assert every_sum_is_safe(parts) is expected


@given(st.lists(st.integers(0, 30), max_size=4))
@settings(deadline=None)
def test_every_sum_is_safe_means_every_subset_sum_is_safe(parts: list[int]) -> None:
    subset_sums = {
        sum(chosen) for size in range(1, len(parts) + 1) for chosen in combinations(parts, size)
    }
    assert every_sum_is_safe(parts) is all(safe(s) for s in subset_sums)


# --- publish(), family by family


def test_a_block_of_three_publishes_nothing() -> None:
    published = publish(block(3, (3, 0, 0), backups=3), QUESTION_IDS)
    assert published == PublishedBlock(None, None, dict.fromkeys(QUESTION_IDS))


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_a_block_of_one_to_four_publishes_nothing_even_when_all_agree(n: int) -> None:
    met = dict.fromkeys(QUESTION_IDS, n)
    published = publish(block(n, (0, 0, n), **met), QUESTION_IDS)
    assert published.n is None
    assert published.risk is None
    assert set(published.met.values()) == {None}


def test_an_empty_block_publishes_zeros() -> None:
    published = publish(block(0), QUESTION_IDS)
    assert published.n == 0
    assert published.risk == {"high": 0, "moderate": 0, "low": 0}
    assert published.met == dict.fromkeys(QUESTION_IDS, 0)


def test_two_practices_without_backups_withhold_backups_only() -> None:
    met = dict.fromkeys(QUESTION_IDS, 12)
    met["backups"] = 10  # 2 do not meet it: 12 − 10 = 2 would be derivable
    met["mfa"] = 0
    published = publish(block(12, (0, 5, 7), **met), QUESTION_IDS)
    assert published.n == 12
    assert published.risk == {"high": 0, "moderate": 5, "low": 7}
    assert published.met["backups"] is None
    assert published.met["mfa"] == 0
    assert {q: v for q, v in published.met.items() if q != "backups"} == {
        q: (0 if q == "mfa" else 12) for q in QUESTION_IDS if q != "backups"
    }


def test_a_met_count_of_one_to_four_is_withheld() -> None:
    published = publish(block(12, (12, 0, 0), backups=3), QUESTION_IDS)
    assert published.met["backups"] is None
    assert published.met["mfa"] == 0


@pytest.mark.parametrize(
    "risk",
    [
        (10, 2, 0),  # one level is 2
        (9, 0, 1),  # one level is 1
        (5, 5, 2),  # 2; and n − 2 = 10 would show it
        (20, 2, 2),  # two levels of 2: each, and their sum 4
    ],
)
def test_risk_is_withheld_when_a_level_or_a_sum_of_levels_is_one_to_four(
    risk: tuple[int, int, int],
) -> None:
    published = publish(block(sum(risk), risk), QUESTION_IDS)
    assert published.n == sum(risk)
    assert published.risk is None


@pytest.mark.parametrize("risk", [(5, 5, 0), (5, 5, 5), (12, 0, 0), (0, 6, 7)])
def test_risk_is_published_when_every_sum_of_levels_is_safe(risk: tuple[int, int, int]) -> None:
    published = publish(block(sum(risk), risk), QUESTION_IDS)
    assert published.risk == dict(zip(RISK_LEVELS, risk, strict=True))


def test_complementary_suppression_blocks_the_third_level() -> None:
    # Levels 3, 3, 6: publishing only "low = 6" and n = 12 would give high + moderate = 6, which
    # is fine, but high = 3 and moderate = 3 are not: the whole family goes, none alone stays.
    published = publish(block(12, (3, 3, 6)), QUESTION_IDS)
    assert published.risk is None


# --- Properties over random tables


def columns(figures: Figures) -> dict[str, int | None]:
    return {
        "contributions": figures.contributions,
        **{f"risk_{level}": figures.risk(level) for level in RISK_LEVELS},
        **{f"met_{q}": figures.met(q) for q in QUESTION_IDS},
    }


def all_figures(t: Table) -> Iterator[Figures]:
    yield t.total
    for row in t.rows:
        yield row.figures


def derived(figures: Figures) -> Iterator[tuple[str, int]]:
    """Every difference or sum the issue lists, within one row, when its terms are published."""
    n = figures.contributions or 0
    risks = {level: figures.risk(level) for level in RISK_LEVELS}
    for q in QUESTION_IDS:
        met = figures.met(q)
        if met is not None:
            yield f"contributions − met_{q}", n - met
            yield f"met_base − met_{q}", figures.met_base[q] - met
            yield f"contributions − met_base_{q}", n - figures.met_base[q]
    if figures.risk_base:
        yield "contributions − risk_base", n - figures.risk_base
        for level, count in risks.items():
            assert count is not None
            yield f"contributions − {level}", n - count
            yield f"risk_base − {level}", figures.risk_base - count
        for a, b in combinations(RISK_LEVELS, 2):
            yield f"{a} + {b}", (risks[a] or 0) + (risks[b] or 0)
            yield f"contributions − {a} − {b}", n - (risks[a] or 0) - (risks[b] or 0)


def check_table(t: Table) -> None:
    for figures in all_figures(t):
        for name, value in columns(figures).items():
            assert value is None or safe(value), (name, value)
            assert value != 0 or name != "contributions", "no contributions is an empty field"
        for name, value in derived(figures):
            assert safe(value), (name, value)
        assert figures.risk_base == 0 or safe(figures.risk_base)
        assert all(safe(base) for base in figures.met_base.values())


def value_of(figures: Figures, column: str) -> int:
    return columns(figures)[column] or 0


def row_subsets(t: Table, rng: random.Random) -> Iterator[list[Figures]]:
    rows = [r.figures for r in t.rows if r.figures.n]
    if len(rows) <= 8:
        for size in range(1, len(rows) + 1):
            for chosen in combinations(rows, size):
                yield list(chosen)
    else:
        for _ in range(60):
            yield rng.sample(rows, rng.randint(1, len(rows)))


@given(block_sets(), queries())
@PROPERTY
def test_every_published_figure_and_every_difference_within_a_row_is_safe(
    blocks: list[Block], query: Query
) -> None:
    check_table(table(blocks, query, QUESTION_IDS))


@given(contribution_sets(), queries())
@PROPERTY
def test_the_same_from_random_contributions(
    contributions: list[Contribution], query: Query
) -> None:
    blocks = blocks_of(REF, contributions)
    check_table(table(blocks, query, QUESTION_IDS))
    # What the rule does is visible: some block of 1–4 is indeed missing from the total.
    small = sum(b.n for b in blocks if 0 < b.n < K and query.covers(b.key.period))
    covered = sum(b.n for b in blocks if query.covers(b.key.period))
    assert (table(blocks, query, QUESTION_IDS).total.contributions or 0) == covered - small


@given(block_sets(), queries(), st.randoms(use_true_random=False))
@PROPERTY
def test_the_total_minus_any_published_rows_is_safe(
    blocks: list[Block], query: Query, rng: random.Random
) -> None:
    t = table(blocks, query, QUESTION_IDS)
    for column in columns(t.total):
        total = value_of(t.total, column)
        assert total == sum(value_of(r.figures, column) for r in t.rows) or not t.rows
        for chosen in row_subsets(t, rng):
            rest = total - sum(value_of(f, column) for f in chosen)
            assert safe(rest), (column, rest)


@st.composite
def nested_windows(draw: st.DrawFn) -> tuple[Query, Query]:
    """(inner, outer) on the same grouping, the inner window inside the outer one."""
    by = draw(queries()).by
    a, b, c, d = sorted(draw(st.lists(st.sampled_from(PERIODS), min_size=4, max_size=4)))
    return Query(by, b, c), Query(by, a, d)


@given(block_sets(), nested_windows())
@PROPERTY
def test_nested_windows_differ_by_zero_or_at_least_five(
    blocks: list[Block], windows: tuple[Query, Query]
) -> None:
    inner, outer = (table(blocks, w, QUESTION_IDS) for w in windows)
    outer_rows = {r.key: r.figures for r in outer.rows}
    pairs = [(inner.total, outer.total)]
    pairs += [(r.figures, outer_rows[r.key]) for r in inner.rows if r.key in outer_rows]
    for small, large in pairs:
        for column, value in columns(small).items():
            other = columns(large)[column]
            if value is not None and other is not None:
                assert other >= value
                assert safe(other - value), (column, value, other)


@given(block_sets(), queries(), st.integers(1, 3))
@PROPERTY
def test_windows_shifted_by_some_months_differ_safely_from_their_overlap(
    blocks: list[Block], query: Query, shift: int
) -> None:
    start = query.start or PERIODS[0]
    end = query.end or PERIODS[-1]
    first = Query(query.by, start, end)
    second = Query(query.by, start.shifted(shift), end.shifted(shift))
    overlap_start, overlap_end = start.shifted(shift), end
    assume(overlap_start <= overlap_end)
    overlap = table(blocks, Query(query.by, overlap_start, overlap_end), QUESTION_IDS)
    for window in (first, second):
        t = table(blocks, window, QUESTION_IDS)
        for column in columns(t.total):
            # Each export minus the months both share: the months only one of them covers.
            difference = value_of(t.total, column) - value_of(overlap.total, column)
            assert safe(difference), (window, column, difference)


@given(block_sets(), st.sampled_from(PERIODS), st.sampled_from(PERIODS))
@HEAVY
def test_a_coarse_row_minus_its_fine_rows_is_safe(
    blocks: list[Block], a: Period, b: Period
) -> None:
    start, end = min(a, b), max(a, b)
    coarse = table(blocks, Query(("departement",), start, end), QUESTION_IDS)
    fine = table(blocks, Query(("departement", "size_band"), start, end), QUESTION_IDS)
    finer = table(blocks, Query(("size_band", "period", "departement"), start, end), QUESTION_IDS)
    for row in coarse.rows:
        for column in columns(row.figures):
            whole = value_of(row.figures, column)
            for parts in (
                [r.figures for r in fine.rows if r.key[0] == row.key[0]],
                [r.figures for r in finer.rows if r.key[2] == row.key[0]],
            ):
                values = [value_of(f, column) for f in parts]
                assert safe(whole - sum(values))
                for one in values:
                    assert safe(whole - one)
    assert columns(coarse.total) == columns(fine.total) == columns(finer.total)


# --- Non-derivability: what a block withholds enters nothing that is published


FIXED_QUERIES = (
    Query(),
    Query(("departement",)),
    Query(("size_band", "departement")),
    Query(("period",), PERIODS[0], PERIODS[-1]),
    Query(("departement", "size_band", "period"), PERIODS[3], PERIODS[5]),
    Query(("period", "size_band"), PERIODS[6], PERIODS[6]),
)


def published(blocks: list[Block], extra: tuple[Query, ...] = ()) -> list[object]:
    out: list[object] = []
    for query in (*FIXED_QUERIES, *extra):
        t = table(blocks, query, QUESTION_IDS)
        out.append(csv_rows(t, QUESTION_IDS))
        out.append(json_document(t, QUESTION_IDS))
    return out


@given(block_sets(), queries(), st.data())
@HEAVY
def test_a_block_of_one_to_four_can_hold_anything(
    blocks: list[Block], query: Query, data: st.DataObject
) -> None:
    small = [i for i, b in enumerate(blocks) if 0 < b.n < K]
    assume(small)
    i = data.draw(st.sampled_from(small))
    other = data.draw(blocks_with(blocks[i].key, data.draw(st.integers(1, K - 1))))
    changed = [*blocks[:i], other, *blocks[i + 1 :]]
    assert published(changed, (query,)) == published(blocks, (query,))


@given(block_sets(), queries(), st.data())
@HEAVY
def test_withheld_risk_levels_can_be_anything_else_withheld(
    blocks: list[Block], query: Query, data: st.DataObject
) -> None:
    withheld = [
        i for i, b in enumerate(blocks) if b.n >= K and publish(b, QUESTION_IDS).risk is None
    ]
    assume(withheld)
    i = data.draw(st.sampled_from(withheld))
    b = blocks[i]
    other = data.draw(blocks_with(b.key, b.n))
    assume(publish(other, QUESTION_IDS).risk is None)
    changed = [*blocks[:i], Block(b.key, b.n, other.risk, dict(b.met)), *blocks[i + 1 :]]
    assert published(changed, (query,)) == published(blocks, (query,))


@given(block_sets(), queries(), st.data())
@HEAVY
def test_a_withheld_question_can_be_any_other_withheld_count(
    blocks: list[Block], query: Query, data: st.DataObject
) -> None:
    withheld = [
        (i, q)
        for i, b in enumerate(blocks)
        if b.n >= K
        for q, v in publish(b, QUESTION_IDS).met.items()
        if v is None
    ]
    assume(withheld)
    i, q = data.draw(st.sampled_from(withheld))
    b = blocks[i]
    count = data.draw(
        st.sampled_from([c for c in range(b.n + 1) if not every_sum_is_safe([c, b.n - c])])
    )
    changed = [*blocks[:i], Block(b.key, b.n, dict(b.risk), {**b.met, q: count}), *blocks[i + 1 :]]
    assert published(changed, (query,)) == published(blocks, (query,))


@given(contribution_sets(max_size=200), queries(), st.data())
@HEAVY
def test_the_contributions_of_a_small_block_can_be_replaced_by_any_others(
    contributions: list[Contribution], query: Query, data: st.DataObject
) -> None:
    blocks = blocks_of(REF, contributions)
    small = [b.key for b in blocks if 0 < b.n < K]
    assume(small)
    key = data.draw(st.sampled_from(small))
    kept = [c for c in contributions if c.key != key]
    new = data.draw(st.lists(answer_sets(), min_size=1, max_size=K - 1))
    replaced = kept + [Contribution(key.departement, key.size_band, key.period, a) for a in new]
    before = published(blocks, (query,))
    assert published(blocks_of(REF, replaced), (query,)) == before


@given(contribution_sets(max_size=120), queries(), st.data())
@HEAVY
def test_answers_to_a_withheld_question_can_change_while_it_stays_withheld(
    contributions: list[Contribution], query: Query, data: st.DataObject
) -> None:
    # A block of 5 to 12 in which 1 to 4 practices answer one question differently.
    key = data.draw(st.sampled_from(sorted({c.key for c in contributions}) or [KEY]))
    question = data.draw(st.sampled_from(QUESTION_IDS))
    base = data.draw(answer_sets())
    n = data.draw(st.integers(K, 12))
    odd = data.draw(st.integers(1, K - 1))
    met = tally(REF, base).met
    flipped = Answer.NO if question in met else Answer.YES
    block_answers = [base] * (n - odd) + [{**base, question: flipped}] * odd
    others = [c for c in contributions if c.key != key]
    mine = [Contribution(key.departement, key.size_band, key.period, a) for a in block_answers]
    blocks = blocks_of(REF, others + mine)
    [block] = [b for b in blocks if b.key == key]
    assert publish(block, QUESTION_IDS).met[question] is None
    # Change that question's answers, keeping each practice's risk level (another family)
    # and the question withheld: nothing published may move.
    changed: list[Contribution] = []
    for c in mine:
        value = Answer(data.draw(st.sampled_from(ALLOWED[question])))
        answers = {**c.answers, question: value}
        if tally(REF, answers).level == tally(REF, c.answers).level:
            c = Contribution(c.departement, c.size_band, c.period, answers)
        changed.append(c)
    new_blocks = blocks_of(REF, others + changed)
    [new_block] = [b for b in new_blocks if b.key == key]
    assume(publish(new_block, QUESTION_IDS).met[question] is None)
    assert published(new_blocks, (query,)) == published(blocks, (query,))


@given(block_sets(), st.data())
@HEAVY
def test_a_block_of_one_to_four_can_be_removed_without_a_trace(
    blocks: list[Block], data: st.DataObject
) -> None:
    # Not only its contents: whether it exists at all. A block of 1–4 must not show up even as
    # an empty row (a month at the edge of the range would say « someone answered then »).
    small = [i for i, b in enumerate(blocks) if 0 < b.n < K]
    assume(small)
    i = data.draw(st.sampled_from(small))
    removed = [*blocks[:i], *blocks[i + 1 :]]
    unbounded = (
        Query(("period",)),
        Query(("departement", "period")),
        Query(("period",), PERIODS[2]),
    )
    assert published(removed, unbounded) == published(blocks, unbounded)


def test_a_lone_small_block_in_an_early_month_does_not_open_the_range() -> None:
    big = Block(BlockKey("31", "2-5", Period(2025, 6)), 8, {"high": 8, "moderate": 0, "low": 0})
    lone = Block(BlockKey("48", "1", Period(2025, 1)), 1, {"high": 1, "moderate": 0, "low": 0})
    t = table([lone, big], Query(("period",)), QUESTION_IDS)
    assert [r.key for r in t.rows] == [("2025-06",)]


# --- Shares


@given(block_sets(), queries())
@PROPERTY
def test_shares_are_on_their_own_base_and_absent_exactly_when_the_count_is(
    blocks: list[Block], query: Query
) -> None:
    t = table(blocks, query, QUESTION_IDS)
    for figures in all_figures(t):
        for q in QUESTION_IDS:
            met, share = figures.met(q), figures.met_share(q)
            assert (share is None) is (met is None)
            if met is not None and share is not None:
                assert share == met / figures.met_base[q]
                assert 0 <= share <= 1
        for level in RISK_LEVELS:
            count, share = figures.risk(level), figures.risk_share(level)
            assert (share is None) is (count is None)
            if count is not None and share is not None:
                assert share == count / figures.risk_base
        if figures.risk_base:
            assert sum(figures.risk(level) or 0 for level in RISK_LEVELS) == figures.risk_base
