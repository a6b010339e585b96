"""Hypothesis strategies for the observatory: random contributions, blocks and queries.

A drawn data set lives on a few block keys (a handful of départements, size bands and months
in a two-year window), so that blocks are of every size: many of 1–4, some of 5–9, some large.
"""

from __future__ import annotations

from hypothesis import strategies as st

from cyberdent.domain.answers import Answer
from cyberdent.domain.observatory.blocks import RISK_LEVELS, Block, BlockKey, Contribution
from cyberdent.domain.observatory.cohort import DEPARTEMENT_CODES, SIZE_BAND_CODES, Period
from cyberdent.domain.observatory.tables import GROUPINGS, Query
from tests.conftest import QUESTION_IDS

WINDOW_START = Period(2024, 1)
WINDOW_MONTHS = 24
PERIODS = tuple(WINDOW_START.shifted(i) for i in range(WINDOW_MONTHS))

# Allowed values per question (only hds_hosting may be "not applicable").
ALLOWED: dict[str, tuple[str, ...]] = {
    q: ("yes", "no", "unknown", "not_applicable")
    if q == "hds_hosting"
    else ("yes", "no", "unknown")
    for q in QUESTION_IDS
}

periods = st.sampled_from(PERIODS)
block_keys = st.builds(
    BlockKey,
    st.sampled_from(DEPARTEMENT_CODES),
    st.sampled_from(SIZE_BAND_CODES),
    periods,
)


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Answer]:
    """Mostly "yes" with some overrides, so that every risk level occurs."""
    answers = dict.fromkeys(QUESTION_IDS, Answer.YES)
    overrides = draw(
        st.dictionaries(
            st.sampled_from(QUESTION_IDS),
            st.sampled_from(("yes", "no", "unknown", "not_applicable")),
            max_size=11,
        )
    )
    for question, value in overrides.items():
        if value in ALLOWED[question]:
            answers[question] = Answer(value)
    return answers


@st.composite
def contribution_sets(draw: st.DrawFn, max_size: int = 300) -> list[Contribution]:
    keys = draw(st.lists(block_keys, min_size=1, max_size=6, unique=True))
    # A few answer profiles per data set, so that counts by question are not all tiny.
    profiles = draw(st.lists(answer_sets(), min_size=1, max_size=4))
    picks = draw(
        st.lists(
            st.tuples(st.sampled_from(keys), st.sampled_from(range(len(profiles)))),
            max_size=max_size,
        )
    )
    return [Contribution(k.departement, k.size_band, k.period, profiles[p]) for k, p in picks]


@st.composite
def blocks_with(draw: st.DrawFn, key: BlockKey, n: int) -> Block:
    """A block of exactly n contributions: any split of n by risk level, any met counts."""
    high = draw(st.integers(0, n))
    moderate = draw(st.integers(0, n - high))
    risk = dict(zip(RISK_LEVELS, (high, moderate, n - high - moderate), strict=True))
    met = {q: draw(st.integers(0, n)) for q in QUESTION_IDS}
    return Block(key, n, risk, met)


sizes = st.one_of(st.integers(1, 4), st.integers(5, 12), st.integers(0, 60))


@st.composite
def block_sets(draw: st.DrawFn) -> list[Block]:
    """Blocks as the database's roll-up holds them: distinct keys, counts of every size."""
    keys = draw(st.lists(block_keys, min_size=1, max_size=25, unique=True))
    return sorted(
        (draw(blocks_with(key, draw(sizes))) for key in keys), key=lambda block: block.key
    )


@st.composite
def queries(draw: st.DrawFn) -> Query:
    by = draw(
        st.permutations(GROUPINGS).flatmap(
            lambda p: st.sampled_from(range(4)).map(lambda size: tuple(p[:size]))
        )
    )
    start = draw(st.none() | periods)
    end = draw(st.none() | periods)
    if start is not None and end is not None and end < start:
        start, end = end, start
    return Query(by, start, end)
