"""Cohorts: the month (parsing, arithmetic, ranges), the département and the size band."""

from __future__ import annotations

import pytest

from cyberdent.domain.observatory.cohort import (
    DEPARTEMENT_CODES,
    OCCITANIE,
    Period,
    departement_of,
    months_between,
    size_band_of,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-03", Period(2026, 3)), (" 2000-01 ", Period(2000, 1)), ("2025-12", Period(2025, 12))],
)
def test_period_parse_good(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected
    assert str(expected) == text.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-3", "n’est pas un mois au format AAAA-MM"),
        ("mars 2026", "n’est pas un mois au format AAAA-MM"),
        ("", "Indiquez un mois au format AAAA-MM"),
        ("2026/03", "n’est pas un mois au format AAAA-MM"),
        ("2026-13", "le mois doit être entre 01 et 12"),
        ("2026-00", "le mois doit être entre 01 et 12"),
        ("1999-12", "l’année doit être 2000 ou après"),
    ],
)
def test_period_parse_bad_in_french(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as raised:
        Period.parse(text)
    if text:  # the value quoted, with French spacing inside « »
        assert f"«\u202f{text}\u202f»" in str(raised.value)


def test_shifted_crosses_years_both_ways() -> None:
    assert Period(2025, 12).shifted(1) == Period(2026, 1)
    assert Period(2026, 1).shifted(-1) == Period(2025, 12)
    assert Period(2026, 3).shifted(-11) == Period(2025, 4)
    assert Period(2026, 3).shifted(-27) == Period(2023, 12)
    assert Period(2026, 3).shifted(0) == Period(2026, 3)


def test_order_and_label() -> None:
    assert Period(2025, 12) < Period(2026, 1) < Period(2026, 2)
    assert Period(2026, 3).label == "mars 2026"
    assert Period(2025, 8).label == "août 2025"


def test_months_between() -> None:
    months = months_between(Period(2025, 11), Period(2026, 2))
    assert [str(p) for p in months] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months_between(Period(2026, 2), Period(2026, 2)) == [Period(2026, 2)]
    assert months_between(Period(2026, 3), Period(2026, 2)) == []
    assert len(months_between(Period(2024, 1), Period(2025, 12))) == 24


def test_departement_of() -> None:
    assert len(OCCITANIE) == 13
    assert DEPARTEMENT_CODES[-1] == "autre"
    for code, _ in OCCITANIE:
        assert departement_of(code) == code
    for code in ("75", "13", "2A", "", "autre", "031", "9"):
        assert departement_of(code) == "autre"


@pytest.mark.parametrize(
    ("team", "band"),
    [
        (0, "1"),
        (1, "1"),
        (2, "2-5"),
        (5, "2-5"),
        (6, "6-10"),
        (10, "6-10"),
        (11, "11+"),
        (99, "11+"),
    ],
)
def test_size_band_boundaries(team: int, band: str) -> None:
    assert size_band_of(team) == band


def test_a_month_is_written_in_ascii_digits() -> None:
    with pytest.raises(ValueError, match="AAAA-MM"):
        Period.parse("２０２６-03")


def test_period_messages_have_french_spacing() -> None:
    with pytest.raises(ValueError, match="01 et 12") as refused:
        Period.parse("2026-13")
    assert "»\u202f: le mois doit être entre 01 et 12" in str(refused.value)
