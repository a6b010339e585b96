"""Published tables: groups enumerated, total = sum of rows, None on an empty base, shares on
their own base; the practice's standing; the CSV form."""

from __future__ import annotations

from cyberdent.domain.observatory.blocks import RISK_LEVELS, Block, BlockKey
from cyberdent.domain.observatory.cohort import DEPARTEMENT_CODES, SIZE_BAND_CODES, Period
from cyberdent.domain.observatory.export import csv_rows
from cyberdent.domain.observatory.tables import Query, standing, table
from cyberdent.domain.referential_models import Referential
from tests.conftest import QUESTION_IDS

P = Period(2025, 3)


def blk(dep: str, band: str, period: Period, n: int, risk=None, **met: int) -> Block:
    levels = risk or (n, 0, 0)
    return Block(BlockKey(dep, band, period), n, dict(zip(RISK_LEVELS, levels, strict=True)), met)


BLOCKS = [
    blk("31", "2-5", P, 10, (5, 5, 0), backups=8, mfa=5),
    blk("31", "1", P, 6, (6, 0, 0), backups=6, mfa=0),
    blk("34", "2-5", P.shifted(2), 3, (3, 0, 0), backups=3),
    blk("autre", "11+", P.shifted(1), 7, (2, 5, 0), backups=7, mfa=7),
]


def test_question_ids_are_in_referential_order(ref: Referential) -> None:
    assert tuple(q.id for q in ref.questions) == QUESTION_IDS


def test_groups_are_every_departement_band_and_month() -> None:
    t = table(BLOCKS, Query(("departement", "size_band")), QUESTION_IDS)
    assert [r.key for r in t.rows] == [(d, b) for d in DEPARTEMENT_CODES for b in SIZE_BAND_CODES]
    assert len(t.rows) == 14 * 4
    months = table(BLOCKS, Query(("period",), P.shifted(-1), P.shifted(3)), QUESTION_IDS)
    assert [r.key for r in months.rows] == [(str(P.shifted(i)),) for i in range(-1, 4)]


def test_total_is_the_sum_of_rows_and_none_on_an_empty_base() -> None:
    t = table(BLOCKS, Query(("departement",)), QUESTION_IDS)
    rows = {r.key: r.figures for r in t.rows}
    assert t.total.contributions == 23  # 10 + 6 + 7, the block of 3 is not counted
    assert t.total.contributions == sum(f.contributions or 0 for f in rows.values())
    assert rows[("34",)].contributions is None
    assert rows[("09",)].risk("high") is None and rows[("09",)].met("backups") is None
    # Risk withheld for the "autre" block (2 high): its n is no base for risk.
    assert rows[("autre",)].risk("high") is None and rows[("autre",)].contributions == 7
    assert t.total.risk("high") == 11 and t.total.risk_base == 16
    # backups withheld in 31/2-5 (10 − 8 = 2): 31's backups is the 1-person block only.
    assert rows[("31",)].met("backups") == 6 and rows[("31",)].met_base["backups"] == 6
    assert rows[("31",)].met_share("backups") == 1.0
    assert rows[("31",)].met("mfa") == 5 and rows[("31",)].met_share("mfa") == 5 / 16


def test_csv_rows_header_total_and_empty_fields() -> None:
    t = table(BLOCKS, Query(("departement", "size_band"), P, P.shifted(2)), QUESTION_IDS)
    rows = csv_rows(t, QUESTION_IDS)
    assert rows[0] == [
        "departement",
        "size_band",
        "contributions",
        "risk_high",
        "risk_moderate",
        "risk_low",
        *(f"met_{q}" for q in QUESTION_IDS),
    ]
    assert rows[-1][:3] == ["total", "total", "23"]
    assert rows[-1][3:6] == ["11", "5", "0"]
    row_34 = next(r for r in rows if r[:2] == ["34", "2-5"])
    assert row_34[2:] == [""] * (4 + 11)
    assert all(len(r) == 2 + 4 + 11 for r in rows)


def test_standing_departement_else_region_else_nothing() -> None:
    today = P.shifted(2)
    blocks = [
        *BLOCKS,
        blk("34", "1", today, 5, (5, 0, 0), backups=5, mfa=0),
        blk("31", "11+", today.shifted(-12), 20, (20, 0, 0), backups=0),  # 13 months ago
    ]
    mine = standing(blocks, departement="31", today=today, question_ids=QUESTION_IDS)
    assert (mine["backups"].share, mine["backups"].base, mine["backups"].scope) == (
        1.0,
        6,
        "departement",
    )
    lot = standing(blocks, departement="46", today=today, question_ids=QUESTION_IDS)
    # Region: 31 (10 + 6 for mfa; 6 for backups) and 34 (5), never "autre" nor older months.
    assert (lot["backups"].base, lot["backups"].scope) == (11, "region")
    assert (lot["mfa"].share, lot["mfa"].base) == (5 / 21, 21)
    assert (
        standing(
            [blk("autre", "1", today, 9, backups=9)],
            departement="31",
            today=today,
            question_ids=QUESTION_IDS,
        )
        == {}
    )
