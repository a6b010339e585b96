"""Entry point of the `cyberdent` command: parse arguments, dispatch, map errors to exit 2.

The contract: bad input of any kind (arguments, files, text a PDF font cannot show) gives one
line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Sequence

from cyberdent.cli import (
    backup,
    check_email,
    diagnose,
    documents,
    incident,
    observatory,
    referential_check,
)
from cyberdent.cli.errors import UsageError
from cyberdent.cli.inputs import check_arguments

EXIT_BAD_INPUT = 2
# A message quoting a hostile file could be a megabyte long; one line of this size is plenty.
MAX_MESSAGE_CHARS = 2000
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*|\t")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse already exits 2; keep its behaviour but with our prefix.
        self.print_usage(sys.stderr)
        print(f"cyberdent: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cyberdent",
        description="CyberDent: cybersecurity self-diagnostic for dental practices.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    diagnose.add_parser(commands)
    referential_check.add_parser(commands)
    documents.add_parsers(commands)
    incident.add_parser(commands)
    backup.add_parsers(commands)
    observatory.add_parser(commands)
    check_email.add_parser(commands)
    return parser


def one_line(message: str) -> str:
    """The message on one line of printable text, shortened if huge (it may quote a file)."""
    message = _LINE_BREAKS.sub(" ", message)
    message = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), message)
    if len(message) > MAX_MESSAGE_CHARS:
        rest = len(message) - MAX_MESSAGE_CHARS
        message = f"{message[:MAX_MESSAGE_CHARS]}… ({rest:,} more characters)"
    return message


def _fail(message: str) -> int:
    print(f"cyberdent: error: {one_line(message)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # stdout is no real file
        pass


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        check_arguments(argv)
    except UsageError as exc:
        return _fail(str(exc))
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except UsageError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("\ncyberdent: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`cyberdent ... | head -1`): nothing to say.
        _silence_stdout()
        return 1
    except (RecursionError, MemoryError) as exc:
        # Last resort: the readers cap size and nesting, so this is input we did not foresee.
        return _fail(f"the input is too large or too deeply nested ({exc.__class__.__name__})")
    except UnicodeError as exc:
        return _fail(f"the input is not valid text ({exc.__class__.__name__}: {exc})")
    return code


if __name__ == "__main__":
    sys.exit(main())
