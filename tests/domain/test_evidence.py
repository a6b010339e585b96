"""The journal's hash chain, as pure functions."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cyberdent.domain.evidence import (
    ChainEntry,
    entry_hash,
    genesis_hash,
    iso_utc,
    verify_chain,
)
from tests.french import fr

DISCOVERED = "2026-11-28T12:00:00.000000+00:00"


def chain(*texts: str, incident_id: int = 7) -> list[ChainEntry]:
    previous = genesis_hash(incident_id=incident_id, discovered_at=DISCOVERED)
    entries = []
    for minute, text in enumerate(texts):
        created_at = f"2026-11-28T12:{minute:02d}:00.000000+00:00"
        previous = entry_hash(
            previous,
            incident_id=incident_id,
            created_at=created_at,
            author_name="a@b.test",
            text=text,
        )
        entries.append(ChainEntry(incident_id, created_at, "a@b.test", text, previous))
    return entries


def test_hashes_are_sha256_hex_and_depend_on_every_field() -> None:
    base = {"incident_id": 1, "created_at": DISCOVERED, "author_name": "a", "text": "t"}
    first = entry_hash("0" * 64, **base)  # type: ignore[arg-type]
    assert len(first) == 64 and int(first, 16) >= 0
    for field, other in (
        ("incident_id", 2),
        ("created_at", "x"),
        ("author_name", "b"),
        ("text", "u"),
    ):
        assert entry_hash("0" * 64, **{**base, field: other}) != first  # type: ignore[arg-type]
    assert entry_hash("1" * 64, **base) != first  # type: ignore[arg-type]


def test_the_encoding_leaves_no_ambiguity_between_fields() -> None:
    one = entry_hash("p", incident_id=1, created_at="c", author_name="a,b", text="t")
    two = entry_hash("p", incident_id=1, created_at="c", author_name="a", text="b,t")
    assert one != two


def test_genesis_depends_on_the_incident_and_its_discovery() -> None:
    g = genesis_hash(incident_id=1, discovered_at=DISCOVERED)
    assert g != genesis_hash(incident_id=2, discovered_at=DISCOVERED)
    assert g != genesis_hash(incident_id=1, discovered_at="2026-11-28T12:00:01.000000+00:00")


def test_iso_utc_is_canonical_and_refuses_naive_moments() -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    moment = dt.datetime(2026, 11, 28, 13, 0, tzinfo=paris)
    assert iso_utc(moment) == DISCOVERED
    with pytest.raises(ValueError, match="naive"):
        iso_utc(dt.datetime(2026, 11, 28, 13, 0))


def test_an_intact_chain_verifies() -> None:
    entries = chain("un", "deux", "trois")
    result = verify_chain(entries, incident_id=7, discovered_at=DISCOVERED)
    assert result.ok and result.count == 3 and result.final_hash == entries[-1].chain_hash
    empty = verify_chain([], incident_id=7, discovered_at=DISCOVERED)
    assert empty.ok and empty.count == 0 and empty.final_hash is None


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_changed_entry_is_the_first_broken_one(index: int) -> None:
    entries = chain("un", "deux", "trois")
    entries[index] = dataclasses.replace(entries[index], text="autre chose")
    result = verify_chain(entries, incident_id=7, discovered_at=DISCOVERED)
    assert not result.ok and result.broken_index == index and "modifiée" in result.reason


def test_a_removed_or_inserted_entry_breaks_the_next_one() -> None:
    entries = chain("un", "deux", "trois")
    removed = verify_chain([entries[0], entries[2]], incident_id=7, discovered_at=DISCOVERED)
    assert removed.broken_index == 1
    intruder = dataclasses.replace(entries[1], text="ajout")
    inserted = verify_chain(
        [entries[0], intruder, *entries[1:]], incident_id=7, discovered_at=DISCOVERED
    )
    assert inserted.broken_index == 1


def test_a_changed_discovery_time_or_incident_breaks_the_first_entry() -> None:
    entries = chain("un", "deux")
    later = verify_chain(entries, incident_id=7, discovered_at="2026-11-28T13:00:00.000000+00:00")
    assert later.broken_index == 0
    moved = verify_chain(entries, incident_id=8, discovered_at=DISCOVERED)
    assert moved.broken_index == 0 and "autre incident" in moved.reason


def test_an_entry_without_hash_is_reported() -> None:
    entries = chain("un", "deux")
    entries[1] = dataclasses.replace(entries[1], chain_hash="")
    result = verify_chain(entries, incident_id=7, discovered_at=DISCOVERED)
    assert result.broken_index == 1 and fr("pas d'empreinte") in result.reason
