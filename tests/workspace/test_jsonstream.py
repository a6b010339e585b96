"""workspace.jsonstream: the streamed text is exactly json.dumps(..., indent=2) of the same data."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from cyberdent.workspace import jsonstream
from cyberdent.workspace.jsonstream import json_chunks

CASES: list[dict[str, Any]] = [
    {},
    {"a": 1},
    {"rows": []},
    {"rows": [{}], "empty": {}, "none": None},
    {
        "format": "cyberdent-practice-export",
        "practice": {"name": "Cabinet « Les Lilas » d’Hérault", "nested": {"list": [1, [2, 3]]}},
        "diagnostics": [{"id": n, "answers": {"mfa": "no"}, "items": []} for n in range(3)],
        "when": dt.date(2026, 12, 2),
        "text": 'line\nbreak "quoted" \\ \u2028 é',
        "audit_events": [{"detail": "x"}, {"detail": ""}],
    },
]


def expected(data: dict[str, Any]) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def lazy(data: dict[str, Any]) -> dict[str, Any]:
    """The same data with every list value an iterator, as the export hands them."""
    return {k: iter(v) if isinstance(v, list) else v for k, v in data.items()}


@pytest.mark.parametrize("data", CASES)
def test_same_text_as_json_dumps(data: dict[str, Any]) -> None:
    for given in (data, lazy(data)):
        text = b"".join(json_chunks(given, encoder=DjangoJSONEncoder)).decode()
        assert text == expected(data)


@pytest.mark.parametrize("count", [1, 2, 99, 100, 101, 250])
def test_lists_longer_than_one_batch(count: int) -> None:
    data = {"rows": [{"n": n, "tags": ["a", {"b": n}]} for n in range(count)], "after": 1}
    text = b"".join(json_chunks(lazy(data), encoder=DjangoJSONEncoder)).decode()
    assert text == expected(data)


def test_chunks_are_bounded_and_read_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "CHUNK_BYTES", 1000)
    monkeypatch.setattr(jsonstream, "ITEMS_PER_DUMP", 5)
    read = 0

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal read
        for n in range(500):
            read += 1
            yield {"id": n, "text": "é" * 20}

    chunks = json_chunks({"rows": rows()})
    first = next(chunks)
    assert 1000 <= len(first) < 1500  # the limit, plus at most one batch of 5 rows
    assert read <= 20  # only what the first chunk needed
    rest = list(chunks)
    assert all(len(c) < 1500 for c in rest)
    assert json.loads(b"".join([first, *rest]))["rows"][-1]["id"] == 499
