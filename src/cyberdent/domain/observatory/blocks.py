"""Blocks: the counts of the contributions that share a département, a size band and a month.

A block is the smallest group anything is ever counted over. The database keeps one row per
block, maintained on every write (so a page reads a few thousand rows, never the contributions),
and the publication rule (suppression.py) decides block by block what may be counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cyberdent.domain.answers import Answer, Answers, is_met
from cyberdent.domain.assessment import compute_score, critical_missing, risk_level
from cyberdent.domain.observatory.cohort import Period
from cyberdent.domain.referential_models import Referential

RISK_LEVELS: tuple[str, ...] = ("high", "moderate", "low")


@dataclass(frozen=True, order=True)
class BlockKey:
    departement: str
    size_band: str
    period: Period


@dataclass(frozen=True)
class Contribution:
    """One anonymous contribution: the cohort and the 11 scored answers, nothing else."""

    departement: str
    size_band: str
    period: Period
    answers: Mapping[str, Answer]

    @property
    def key(self) -> BlockKey:
        return BlockKey(self.departement, self.size_band, self.period)


@dataclass(frozen=True)
class Tally:
    """What one contribution adds to its block: its risk level and the questions it meets."""

    level: str
    met: frozenset[str]


def tally(ref: Referential, answers: Mapping[str, Answer]) -> Tally:
    """The level by the brochure's rule and the met questions, for the scored answers."""
    wrapped = Answers(scored=dict(answers), complementary={})
    level = risk_level(ref, compute_score(ref, wrapped), critical_missing(ref, wrapped))
    return Tally(level.value, frozenset(q for q, a in answers.items() if is_met(a)))


@dataclass
class Block:
    """The counts of one block: contributions, each risk level, each question met."""

    key: BlockKey
    n: int = 0
    risk: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RISK_LEVELS, 0))
    met: dict[str, int] = field(default_factory=dict)

    def add(self, one: Tally, sign: int = 1) -> None:
        self.n += sign
        self.risk[one.level] = self.risk.get(one.level, 0) + sign
        for question in one.met:
            self.met[question] = self.met.get(question, 0) + sign


def blocks_of(ref: Referential, contributions: Iterable[Contribution]) -> list[Block]:
    """The blocks of a set of contributions (what the database's roll-up holds), sorted."""
    blocks: dict[BlockKey, Block] = {}
    for contribution in contributions:
        block = blocks.get(contribution.key)
        if block is None:
            block = blocks[contribution.key] = Block(contribution.key)
        block.add(tally(ref, contribution.answers))
    return [blocks[key] for key in sorted(blocks)]


def merged(blocks: Iterable[Block]) -> list[Block]:
    """Blocks with the same key added together (e.g. demo and real rows of one block)."""
    out: dict[BlockKey, Block] = {}
    for block in blocks:
        into = out.get(block.key)
        if into is None:
            out[block.key] = Block(block.key, block.n, dict(block.risk), dict(block.met))
            continue
        into.n += block.n
        for level, count in block.risk.items():
            into.risk[level] = into.risk.get(level, 0) + count
        for question, count in block.met.items():
            into.met[question] = into.met.get(question, 0) + count
    return [out[key] for key in sorted(out, key=_order)]


def _order(key: BlockKey) -> tuple[str, str, int]:
    # BlockKey's own order, without the dataclass comparison's cost on thousands of blocks.
    return (key.departement, key.size_band, key.period.index)
