"""`cyberdent incident verify`: check a practice incident's journal against its hash chain.

The only command that reads the database: Django is set up inside the handler, so the other
commands (and `--help`) never need settings nor a database."""

from __future__ import annotations

import argparse
import os
from typing import Any

from cyberdent.cli.errors import UsageError

EXIT_BROKEN = 1
MAX_ID = 2**63 - 1  # the database's bigint


def _incident_id(value: str) -> int:
    # ASCII digits only (int() would also take "٣", " 3" or "1_000"), and not a huge number.
    digits = value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID))
    if not digits or not 1 <= int(value) <= MAX_ID:
        raise argparse.ArgumentTypeError(f"not an incident number: {value[:40]!r}")
    return int(value)


def add_parser(commands: Any) -> None:
    incident = commands.add_parser("incident", help="a practice incident kept in the database")
    actions = incident.add_subparsers(dest="action", required=True, parser_class=type(incident))
    verify = actions.add_parser(
        "verify", help="check the incident journal's hash chain (exit 1 if it was altered)"
    )
    verify.add_argument("--incident", type=_incident_id, required=True, metavar="ID")
    verify.set_defaults(handler=run_verify)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyberdent.config.settings")
    import django

    django.setup()


def run_verify(args: argparse.Namespace) -> int:
    _setup_django()
    from django.db import DatabaseError

    from cyberdent.incidents.evidence import incident_chain_verify
    from cyberdent.incidents.models import Incident, JournalEntry

    try:
        incident = Incident.objects.filter(pk=args.incident).first()
        if incident is None:
            raise UsageError(f"--incident: no incident n° {args.incident}")
        result = incident_chain_verify(incident=incident)
        ids = list(
            JournalEntry._base_manager.filter(incident_id=incident.pk)
            .order_by("id")
            .values_list("id", flat=True)
        )
    except DatabaseError as exc:
        raise UsageError(f"cannot read the database: {exc}") from exc
    if result.ok:
        print(
            f"Journal intact : {result.count} entrée{'s' if result.count > 1 else ''}, "
            f"empreinte {result.final_hash or 'aucune (journal vide)'}"
        )
        return 0
    index = result.broken_index or 0
    print(
        f"Journal altéré : entrée {index + 1} sur {result.count} "
        f"(n° {ids[index]}) : {result.reason}."
    )
    return EXIT_BROKEN
