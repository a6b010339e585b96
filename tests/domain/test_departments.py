"""The list of French départements offered when creating a practice."""

from __future__ import annotations

from cyberdent.domain.departments import DEPARTMENT_NAMES, DEPARTMENTS, department_label


def test_there_are_101_unique_codes() -> None:
    codes = [code for code, _ in DEPARTMENTS]
    assert len(codes) == 101
    assert len(set(codes)) == 101
    assert len({name for _, name in DEPARTMENTS}) == 101


def test_corsica_is_2a_2b_and_there_is_no_20() -> None:
    codes = {code for code, _ in DEPARTMENTS}
    assert {"2A", "2B"} <= codes
    assert "20" not in codes


def test_overseas_are_971_to_976_without_975() -> None:
    codes = {code for code, _ in DEPARTMENTS}
    assert {"971", "972", "973", "974", "976"} <= codes
    assert "975" not in codes
    assert {c for c in codes if len(c) == 3} == {"971", "972", "973", "974", "976"}


def test_metropolitan_codes_are_01_to_95_except_20() -> None:
    numeric = {code for code, _ in DEPARTMENTS if len(code) == 2 and code.isdigit()}
    assert numeric == {f"{n:02d}" for n in range(1, 96) if n != 20}


def test_order_is_the_official_one() -> None:
    codes = [code for code, _ in DEPARTMENTS]
    assert codes[:3] == ["01", "02", "03"]
    assert codes[18:22] == ["19", "2A", "2B", "21"]
    assert codes[-6:] == ["95", "971", "972", "973", "974", "976"]


def test_names_and_labels() -> None:
    assert DEPARTMENT_NAMES["34"] == "Hérault"
    assert DEPARTMENT_NAMES["2A"] == "Corse-du-Sud"
    assert DEPARTMENT_NAMES["976"] == "Mayotte"
    assert department_label("31") == "31 — Haute-Garonne"
    assert department_label("99") == "99"
