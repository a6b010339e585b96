"""Read a JSON or YAML file someone hands us, with limits that keep a hostile file harmless.

One reader for every file the CLI and the référentiel loader take: the size is capped, the
text must be UTF-8 without control characters, nesting is capped (so RecursionError never
surfaces) and YAML aliases are refused (so a few hundred bytes of "billion laughs" cannot
expand into gigabytes). Every problem is one InputFileError naming the file.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

# yaml is imported on the first YAML file: the CLI imports this module for its argument checks,
# and `cyberdent --help` or a JSON file need no YAML parser.
if TYPE_CHECKING:
    import yaml

MAX_INPUT_BYTES = 1024 * 1024
MAX_DEPTH = 50

# C0 controls except tab, line feed and carriage return; DEL and C1 controls; the bidi
# embedding/override/isolate characters (they make text read differently from what it is);
# lone surrogates (what Python makes of bytes that are not UTF-8, or a JSON "\ud800").
_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_FORBIDDEN_IN_FILE = re.compile(f"[{_FORBIDDEN}]")
_FORBIDDEN_IN_LINE = re.compile(f"[{_FORBIDDEN}\t\n\r]")
_JSON_STRUCTURE = re.compile(r'["\[\]{}]')
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)

Syntax = Literal["json", "yaml"]


class InputFileError(ValueError):
    """A file that cannot be used: `stage` is "cannot read file" or "malformed file"."""

    def __init__(self, path: Path | str, stage: str, detail: str) -> None:
        super().__init__(f"{path}: {stage} ({detail})")
        self.path = path
        self.stage = stage
        self.detail = detail


class _Problem(Exception):
    """Raised inside this module; load_data adds the file's name."""


def forbidden_character(text: str, *, single_line: bool = False) -> tuple[int, str] | None:
    """The first character we refuse in `text` (index, char), or None.

    Refused: control characters (C0 but tab/newline/CR, DEL, C1), bidi controls
    (U+202A-U+202E, U+2066-U+2069) and surrogates; with single_line also tab, LF and CR.
    """
    match = (_FORBIDDEN_IN_LINE if single_line else _FORBIDDEN_IN_FILE).search(text)
    return (match.start(), match.group()) if match else None


def describe_character(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X} (not valid UTF-8)"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"bidirectional control character U+{code:04X}"
    return f"control character U+{code:04X}"


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def read_text(path: Path | str, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """The file's text: at most max_bytes, strict UTF-8 (a leading BOM is dropped), and no
    control characters. Raise _Problem("cannot read file") otherwise."""
    try:
        with open(path, "rb") as file:
            raw = file.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: NUL or lone surrogate in the path
        raise _Problem("cannot read file", f"{exc.__class__.__name__}: {exc}") from exc
    if len(raw) > max_bytes:
        raise _Problem("cannot read file", f"larger than the limit of {max_bytes:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Problem(
            "cannot read file",
            f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
        ) from exc
    found = forbidden_character(text)
    if found is not None:
        index, char = found
        raise _Problem(
            "malformed file",
            f"{describe_character(char)} at {_position(text, index)} is not allowed",
        )
    return text


def _check_json_depth(text: str, limit: int) -> None:
    """Refuse JSON nested deeper than `limit` before json.loads recurses into it.

    A linear scan: brackets count, strings are skipped whole (an unterminated string ends the
    scan, json.loads reports it)."""
    depth = 0
    position = 0
    while (match := _JSON_STRUCTURE.search(text, position)) is not None:
        index, char = match.start(), match.group()
        position = index + 1
        if char == '"':
            string = _JSON_STRING.match(text, index)
            if string is None:
                return
            position = string.end()
        elif char in "[{":
            depth += 1
            if depth > limit:
                raise _Problem(
                    "malformed file",
                    f"nested deeper than {limit} levels at {_position(text, index)}",
                )
        else:
            depth -= 1


def parse_json(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    _check_json_depth(text, max_depth)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, or an int of 5,000 digits
        raise _Problem("malformed file", f"invalid JSON: {exc}") from exc


@cache
def _yaml_loader() -> Any:
    """libyaml when PyYAML was built with it (ten times faster on a large file), else pure
    Python."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_yaml_events(text: str, max_depth: int) -> None:
    """Walk the parser's events before anything is built: refuse aliases (a few hundred bytes
    of nested aliases make billions of values) and nesting deeper than max_depth (the
    composer recurses)."""
    import yaml

    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    loader = _yaml_loader()(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise _Problem(
                    "malformed file",
                    f"YAML aliases (*name) are not allowed: *{event.anchor} at "
                    f"{_mark(event.start_mark)}",
                )
            if isinstance(event, opening):
                depth += 1
                if depth > max_depth:
                    raise _Problem(
                        "malformed file",
                        f"nested deeper than {max_depth} levels at {_mark(event.start_mark)}",
                    )
            elif isinstance(event, closing):
                depth -= 1
    finally:
        loader.dispose()


def _mark(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"


def _yaml_message(exc: yaml.YAMLError) -> str:
    import yaml

    if isinstance(exc, yaml.MarkedYAMLError):
        words = " ".join(part for part in (exc.context, exc.problem) if part)
        mark = exc.problem_mark or exc.context_mark
        return f"{words or 'syntax error'} ({_mark(mark)})" if mark else words
    return str(exc)


def parse_yaml(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    import yaml

    try:
        _check_yaml_events(text, max_depth)
        loader = _yaml_loader()(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _Problem("malformed file", f"invalid YAML: {_yaml_message(exc)}") from exc
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. the date 2026-13-45
        raise _Problem("malformed file", f"invalid YAML: {exc}") from exc


# Where a value sits, built only when reporting: (parent, key or index), None at the top.
# Building "a.b[3]" for every value would let one long key repeated a million times cost
# gigabytes.
_Where = tuple[Any, Any] | None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_where(where: _Where) -> str:
    parts: list[str] = []
    while where is not None:
        where, step = where
        parts.append(f"[{step}]" if isinstance(step, int) else f".{_short(str(step))}")
    return "".join(reversed(parts)).lstrip(".") or "the file"


def _check_strings(data: Any) -> None:
    """Escapes ("\\u0000" in JSON, "\\x1b" in YAML) can put in values what the text had not.

    Only escapes can: load_data skips this walk when the text holds no backslash."""
    stack: list[tuple[Any, _Where, bool]] = [(data, None, False)]
    while stack:
        value, where, is_key = stack.pop()
        if isinstance(value, str):
            found = forbidden_character(value)
            if found is not None:
                place = (
                    f"the key {_short(value)!r} in {_describe_where(where)}"
                    if is_key
                    else f"the value of {_describe_where(where)}"
                )
                raise _Problem("malformed file", f"{describe_character(found[1])} in {place}")
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, where, True))
                stack.append((item, (where, key), False))
        elif isinstance(value, list | tuple | set | frozenset):
            stack.extend((item, (where, i), False) for i, item in enumerate(value))


def load_data(path: Path | str, syntax: Syntax, *, max_bytes: int = MAX_INPUT_BYTES) -> Any:
    """Read and parse one JSON or YAML file within the limits; raise InputFileError."""
    try:
        text = read_text(path, max_bytes=max_bytes)
        data = parse_json(text) if syntax == "json" else parse_yaml(text)
        # read_text refused these characters in the text; a value can only hold one that the
        # text had not through an escape (JSON "\u0000", YAML "\x1b" or "\N" in double
        # quotes), and every escape starts with a backslash.
        if "\\" in text:
            _check_strings(data)
    except _Problem as exc:
        stage, detail = exc.args
        raise InputFileError(path, stage, detail) from exc
    return data
