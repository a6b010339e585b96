"""The publication rule: no published count, and none derivable from published ones, in 1–4.

The method ("blocks"), in three steps:

1. Everything is counted by block (one département, one size band, one month: blocks.py).
2. Each block publishes a family of counts only if every count that family could reveal is 0 or
   at least K. The families and the counts they reveal:
   - contributions: n;
   - risk levels: high, moderate, low and every sum of them (n minus one level is the sum of
     the two others);
   - each question: met, and n − met (not met).
   A family that fails is not counted *at all* for that block: it contributes 0 to every
   published figure of that family, and its n is not used as that family's base.
3. A published figure is a sum, over the blocks a query covers, of what those blocks publish.

So every published figure, and every count obtained by subtracting one published figure from
another (a row minus a count, the total minus some rows, two periods that overlap, two
exports grouped differently), is a sum of block counts that are each 0 or ≥ K: it is 0 or ≥ K
too. And a block's withheld counts enter no published figure, so nothing can be derived about
them: changing them changes nothing that is published (tests check exactly that).

The cost: a withheld block is missing from its family's figures. Each figure therefore has its
own base (the contributions of the blocks it counts), and shares are computed on that base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from cyberdent.domain.observatory.blocks import RISK_LEVELS, Block

K = 5


def is_safe(count: int) -> bool:
    """0 or at least K: a count that may be published."""
    return count == 0 or count >= K


def every_sum_is_safe(parts: Sequence[int]) -> bool:
    """Every sum of a non-empty subset of the parts is 0 or ≥ K (what subtraction reveals)."""
    if len(parts) == 2:  # a question: met and not met (the common case, made cheap)
        return is_safe(parts[0]) and is_safe(parts[1]) and is_safe(parts[0] + parts[1])
    return all(
        is_safe(sum(chosen))
        for size in range(1, len(parts) + 1)
        for chosen in combinations(parts, size)
    )


@dataclass(frozen=True)
class PublishedBlock:
    """What one block lets through. None: the family is withheld for this block."""

    n: int | None
    risk: dict[str, int] | None
    met: dict[str, int | None]


def publish(block: Block, question_ids: Sequence[str]) -> PublishedBlock:
    n = block.n
    if not is_safe(n):
        # Too few contributions: nothing of the block is counted anywhere.
        return PublishedBlock(None, None, dict.fromkeys(question_ids))
    levels = [block.risk.get(level, 0) for level in RISK_LEVELS]
    risk = dict(zip(RISK_LEVELS, levels, strict=True)) if every_sum_is_safe(levels) else None
    met: dict[str, int | None] = {}
    for question in question_ids:
        count = block.met.get(question, 0)
        met[question] = count if every_sum_is_safe([count, n - count]) else None
    return PublishedBlock(n, risk, met)
