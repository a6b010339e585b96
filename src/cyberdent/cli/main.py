"""Entry point of the `cyberdent` command: parse arguments, dispatch, map errors to exit 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cyberdent.cli import diagnose, documents, referential_check
from cyberdent.cli.errors import UsageError

EXIT_BAD_INPUT = 2


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except UsageError as exc:
        print(f"cyberdent: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\ncyberdent: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
