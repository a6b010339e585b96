"""`cyberdent check-email FILE|-`: the offline e-mail checker in the terminal.

Exit 0 with the verdict whatever it is; exit 2 with one line for input it refuses (the domain's
French message, the same as on the web page)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberdent.cli.errors import UsageError

# The checker (its rules, lists and e-mail parsing) is imported when the command runs: the other
# commands and `--help` do not pay for it.
if TYPE_CHECKING:
    from cyberdent.domain.mailcheck import MailCheckResult

SEVERITY_LABELS = {"high": "fort", "medium": "moyen", "low": "faible"}


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "check-email",
        help="look for signs of phishing in one message (.eml or its source), offline",
    )
    parser.add_argument("file", metavar="FILE", help="a .eml file, or - to read standard input")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run)


def read_source(name: str) -> bytes:
    """At most MAX_EMAIL_BYTES + 1 bytes (one more tells the checker the message is too large)."""
    from cyberdent.domain.mailcheck import MAX_EMAIL_BYTES

    if name == "-":
        return sys.stdin.buffer.read(MAX_EMAIL_BYTES + 1)
    path = Path(name)
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_EMAIL_BYTES + 1)
    except IsADirectoryError as exc:
        raise UsageError(f"{name}: cannot read file (it is a directory)") from exc
    except FileNotFoundError as exc:
        raise UsageError(f"{name}: cannot read file (no such file)") from exc
    except OSError as exc:
        raise UsageError(f"{name}: cannot read file ({exc.strerror or exc})") from exc


def print_text(result: MailCheckResult) -> None:
    print(result.verdict_label)
    for signal in result.signals:
        print(f"\n[{SEVERITY_LABELS[signal.severity.value]}] {signal.title}")
        print(f"  {signal.explanation}")
        for item in signal.evidence:
            print(f"  • {item}")
    print("\nQue faire\u202f?")
    for step in result.next_steps:
        print(f"  – {step}")


def run(args: argparse.Namespace) -> int:
    from cyberdent.domain.mailcheck import MailCheckInputError, check_email

    data = read_source(args.file)
    try:
        result = check_email(data)
    except MailCheckInputError as exc:
        raise UsageError(f"{args.file}: {exc.message}") from exc
    if args.format == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_text(result)
    return 0
