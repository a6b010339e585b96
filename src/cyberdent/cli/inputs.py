"""Reading the CLI's input files (JSON or YAML) and arguments: one clear message per problem."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberdent.cli.errors import UsageError
from cyberdent.domain.safe_input import (
    InputFileError,
    describe_character,
    forbidden_character,
    load_data,
)

# The loader (pydantic and the référentiel's models) is imported when a command needs it: main
# imports this module for check_arguments, and `--help` must not pay for the loader.
if TYPE_CHECKING:
    from cyberdent.domain.referential_models import Referential


def read_mapping(path: str) -> dict[str, Any]:
    """Parse a JSON (by .json suffix) or YAML file whose top level must be a mapping.

    safe_input's limits apply: 1 MiB, 50 levels of nesting, no YAML aliases, UTF-8 text
    without control characters."""
    syntax = "json" if Path(path).suffix.lower() == ".json" else "yaml"
    try:
        data = load_data(path, syntax)
    except InputFileError as exc:
        raise UsageError(str(exc)) from exc
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of keys to values at the top level")
    return data


def referential_from(path: str | None) -> Referential:
    from cyberdent.domain.errors import ReferentialError
    from cyberdent.domain.loader import default_referential, load_referential

    try:
        return load_referential(path) if path else default_referential()
    except ReferentialError as exc:
        raise UsageError(str(exc)) from exc


def check_arguments(argv: Sequence[str]) -> None:
    """Refuse arguments that are not UTF-8 (Python hands them over as lone surrogates such as
    '\\udcff'), or that hold control characters, line breaks or bidi controls: they would end up
    in a PDF, in a file name or on the terminal."""
    for number, argument in enumerate(argv, start=1):
        found = forbidden_character(argument, single_line=True)
        if found is None:
            continue
        code = ord(found[1])
        if 0xDC80 <= code <= 0xDCFF:  # how Python passes on a byte that is not UTF-8
            problem = f"is not valid UTF-8 (byte 0x{code - 0xDC00:02x})"
        else:
            problem = f"contains {describe_character(found[1])}"
        raise UsageError(f"argument {number} ({argument!r}) {problem}")
