"""The incident journal's hash chain: each entry's hash covers its content and the previous hash.

Changing, removing or inserting an entry anywhere breaks every hash after it, so the last hash
(printed on the dossier) vouches for the whole journal. The first entry chains from a genesis
value made of the incident's id and discovery time: an entry cannot be moved to another incident,
and the discovery time cannot change without the chain showing it.

The format is frozen: existing hashes were computed with it (version "1" in every payload).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

CHAIN_VERSION = "1"
HASH_LENGTH = 64  # SHA-256, hexadecimal


def iso_utc(moment: dt.datetime) -> str:
    """The canonical text of a moment: UTC, ISO 8601, always with microseconds."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a naive datetime has no place in the chain: give its time zone")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _digest(payload: dict[str, str | int]) -> str:
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def genesis_hash(*, incident_id: int, discovered_at: str) -> str:
    """What the first entry of an incident's journal chains from."""
    return _digest(
        {
            "v": CHAIN_VERSION,
            "kind": "genesis",
            "incident": incident_id,
            "discovered_at": discovered_at,
        }
    )


def entry_hash(
    previous_hash: str, *, incident_id: int, created_at: str, author_name: str, text: str
) -> str:
    """The hash of one journal entry; `created_at` as given by `iso_utc`."""
    return _digest(
        {
            "v": CHAIN_VERSION,
            "kind": "entry",
            "previous": previous_hash,
            "incident": incident_id,
            "created_at": created_at,
            "author": author_name,
            "text": text,
        }
    )


@dataclass(frozen=True)
class ChainEntry:
    """A stored journal entry as the verifier sees it (in the order it was written)."""

    incident_id: int
    created_at: str
    author_name: str
    text: str
    chain_hash: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    final_hash: str | None  # the last stored hash when the chain holds, None for no entries
    broken_index: int | None = None  # 0-based position of the first entry that does not hold
    reason: str = ""


def verify_chain(
    entries: Sequence[ChainEntry], *, incident_id: int, discovered_at: str
) -> VerifyResult:
    """Recompute the chain from the genesis; report the first entry whose hash does not match."""
    previous = genesis_hash(incident_id=incident_id, discovered_at=discovered_at)
    for index, entry in enumerate(entries):
        if entry.incident_id != incident_id:
            return VerifyResult(
                ok=False,
                count=len(entries),
                final_hash=None,
                broken_index=index,
                reason="l’entrée appartient à un autre incident",
            )
        if not entry.chain_hash:
            return VerifyResult(
                ok=False,
                count=len(entries),
                final_hash=None,
                broken_index=index,
                reason="l’entrée n’a pas d’empreinte (écrite hors de l’application)",
            )
        expected = entry_hash(
            previous,
            incident_id=entry.incident_id,
            created_at=entry.created_at,
            author_name=entry.author_name,
            text=entry.text,
        )
        if expected != entry.chain_hash:
            return VerifyResult(
                ok=False,
                count=len(entries),
                final_hash=None,
                broken_index=index,
                reason=(
                    "l’empreinte ne correspond pas : l’entrée a été modifiée, ou une entrée "
                    "qui la précédait a été modifiée, supprimée ou ajoutée"
                ),
            )
        previous = entry.chain_hash
    return VerifyResult(
        ok=True, count=len(entries), final_hash=entries[-1].chain_hash if entries else None
    )
