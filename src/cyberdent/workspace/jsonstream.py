"""JSON written piece by piece: the same text as `json.dumps(data, indent=2, ensure_ascii=False)`,
with the mapping's iterator values written as lists, one item at a time, as they are read.

The practice export streams through it, so its memory stays bounded however many diagnostics
and audit events the practice holds, and its text stays what it always was (a test compares
the two)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

INDENT = 2
CHUNK_BYTES = 64 * 1024  # what one write hands to the server: few, not thousands of tiny ones
ITEMS_PER_DUMP = 100


def _dumps(value: Any, depth: int, encoder: type[json.JSONEncoder]) -> str:
    text = json.dumps(value, cls=encoder, ensure_ascii=False, indent=INDENT)
    # A JSON text holds no raw newline inside a string: each one is a line break to indent.
    return text.replace("\n", "\n" + " " * (INDENT * depth))


def _items(rows: Iterator[Any], encoder: type[json.JSONEncoder]) -> Iterator[str]:
    """The list's items, ITEMS_PER_DUMP at a time (one encoder call for many small items):
    each batch is dumped as a list, then written without its brackets."""
    closing = "\n" + " " * INDENT + "]"
    first = True
    while batch := list(islice(rows, ITEMS_PER_DUMP)):
        text = _dumps(batch, 1, encoder)  # "[\n    item,\n    item\n  ]"
        yield ("[" if first else ",") + text[1 : -len(closing)]
        first = False
    yield "[]" if first else closing


def _pieces(data: Mapping[str, Any], encoder: type[json.JSONEncoder]) -> Iterator[str]:
    if not data:
        yield "{}"
        return
    yield "{"
    for n, (key, value) in enumerate(data.items()):
        yield ("," if n else "") + "\n" + " " * INDENT + json.dumps(key, ensure_ascii=False) + ": "
        if isinstance(value, Iterator):
            yield from _items(value, encoder)
        else:
            yield _dumps(value, 1, encoder)
    yield "\n}"


def json_chunks(
    data: Mapping[str, Any], *, encoder: type[json.JSONEncoder] = json.JSONEncoder
) -> Iterator[bytes]:
    """UTF-8 chunks of about CHUNK_BYTES whose concatenation is the JSON text of `data`."""
    buffer: list[bytes] = []
    size = 0
    for piece in _pieces(data, encoder):
        encoded = piece.encode()
        buffer.append(encoded)
        size += len(encoded)
        if size >= CHUNK_BYTES:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)
