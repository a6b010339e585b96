"""`cyberdent referential check [FILE]`: validate a référentiel file."""

from __future__ import annotations

import argparse
from typing import Any

from cyberdent.domain.referential_paths import DEFAULT_REFERENTIAL


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("referential", help="work with référentiel files")
    sub = parser.add_subparsers(dest="referential_command", required=True)
    check = sub.add_parser("check", help="validate a référentiel YAML file")
    check.add_argument("file", nargs="?", help=f"default: {DEFAULT_REFERENTIAL.name}")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from cyberdent.cli.inputs import referential_from

    ref = referential_from(args.file)
    print(
        f"ok: {args.file or DEFAULT_REFERENTIAL} — {ref.id} {ref.version}: "
        f"{len(ref.questions)} questions, {len(ref.measures)} measures, {len(ref.facts)} facts"
    )
    return 0
