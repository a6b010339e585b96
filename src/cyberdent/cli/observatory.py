"""`cyberdent observatory …`: the union's regional figures from the command line.

- `import FILE.csv`: paper questionnaires, all or nothing (every bad line named, in French);
- `export [--by KEY]… [--from YYYY-MM] [--to YYYY-MM] [--format csv|json] [-o FILE]`: the
  published table, through the same suppression rule as the pages;
- `demo --contributions N [--seed S]` / `demo --clear`: synthetic data, marked as demo;
- `staff add|remove EMAIL`, `staff list`: the union's staff accounts.

Like the other commands that read the database, Django is set up inside the handlers, so
`--help` needs no settings. Bad input of any kind is a UsageError: one line, exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberdent.cli.errors import UsageError

# The domain (its tables import pydantic through the référentiel's models) and Django are
# imported by the handlers: the other commands and `--help` do not pay for them.
if TYPE_CHECKING:
    from cyberdent.domain.observatory.cohort import Period

# The grouping keys for --help: cyberdent.domain.observatory.tables.GROUPINGS, which the handler
# checks against (tests/cli/test_startup.py checks that the two agree).
GROUPING_KEYS: tuple[str, ...] = ("departement", "size_band", "period")

# A paper file holds at most paper.MAX_ROWS (200,000) lines of ~60 characters.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
DEMO_BATCH = 20_000
MAX_DEMO_CONTRIBUTIONS = 10_000_000
NNBSP = "\u202f"


def _count(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise argparse.ArgumentTypeError(f"not a number of contributions: {value[:40]!r}")
    number = int(value)
    if not 1 <= number <= MAX_DEMO_CONTRIBUTIONS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_DEMO_CONTRIBUTIONS:,}")
    return number


def _seed(value: str) -> int:
    body = value[1:] if value.startswith("-") else value
    if not (body.isascii() and body.isdigit()) or len(body) > 18:
        raise argparse.ArgumentTypeError(f"not a whole number: {value[:40]!r}")
    return int(value)


def add_parser(commands: Any) -> None:
    observatory = commands.add_parser(
        "observatory", help="the union's anonymous regional figures (import, export, demo, staff)"
    )
    actions = observatory.add_subparsers(
        dest="action", required=True, parser_class=type(observatory)
    )

    imported = actions.add_parser(
        "import", help="import paper questionnaires from a CSV file (all or nothing)"
    )
    imported.add_argument("file", metavar="FILE.csv", type=Path)
    imported.set_defaults(handler=run_import)

    export = actions.add_parser(
        "export", help="the published figures (suppressed cells empty), as CSV or JSON"
    )
    export.add_argument(
        "--by",
        action="append",
        default=[],
        metavar="KEY",
        help=f"group by this key, repeatable ({', '.join(GROUPING_KEYS)})",
    )
    export.add_argument("--from", dest="start", metavar="YYYY-MM", help="first month included")
    export.add_argument("--to", dest="end", metavar="YYYY-MM", help="last month included")
    export.add_argument("--format", default="csv", metavar="csv|json", help="default: csv")
    export.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: stdout")
    export.set_defaults(handler=run_export)

    demo = actions.add_parser("demo", help="add synthetic contributions, or remove them")
    demo.add_argument("--contributions", type=_count, metavar="N")
    demo.add_argument("--seed", type=_seed, default=0, metavar="S", help="default: 0")
    demo.add_argument(
        "--clear", action="store_true", help="remove every demo contribution (before adding any)"
    )
    demo.set_defaults(handler=run_demo)

    staff = actions.add_parser("staff", help="the union's staff accounts")
    staff_actions = staff.add_subparsers(
        dest="staff_action", required=True, parser_class=type(staff)
    )
    add = staff_actions.add_parser("add", help="make an account union staff (created if needed)")
    add.add_argument("email", metavar="EMAIL")
    add.set_defaults(handler=run_staff_add)
    remove = staff_actions.add_parser("remove", help="take the union staff role away")
    remove.add_argument("email", metavar="EMAIL")
    remove.set_defaults(handler=run_staff_remove)
    listed = staff_actions.add_parser("list", help="the union's staff")
    listed.set_defaults(handler=run_staff_list)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyberdent.config.settings")
    import django

    django.setup()


def _period(option: str, value: str | None) -> Period | None:
    from cyberdent.domain.french import typography
    from cyberdent.domain.observatory.cohort import Period

    if value is None:
        return None
    try:
        return Period.parse(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {typography(str(exc))}") from exc


# --- import


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise UsageError(f"{path}: is a folder, not a CSV file") from exc
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_IMPORT_BYTES:
        raise UsageError(f"{path}: larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB")
    return data


def run_import(args: argparse.Namespace) -> int:
    from cyberdent.domain.french import count_of, number_label, plural, typography
    from cyberdent.domain.observatory.paper import PaperImportError, decode, read_paper_csv

    path: Path = args.file
    data = _read(path)
    _setup_django()
    from cyberdent.cli.inputs import referential_from
    from cyberdent.observatory.selectors import current_period
    from cyberdent.observatory.services import contributions_import

    ref = referential_from(None)
    try:
        contributions = read_paper_csv(decode(data), ref, today=current_period())
    except PaperImportError as exc:
        shown = "\u202f; ".join(typography(str(problem)) for problem in exc.problems)
        more = exc.total - len(exc.problems)
        if more > 0:
            shown += f" (et {count_of(more, 'autre')})"
        raise UsageError(
            typography(
                f"{path} : fichier refusé, aucun questionnaire importé "
                f"({count_of(exc.total, 'problème')}) : "
            )
            + shown
        ) from exc
    imported = contributions_import(ref=ref, contributions=contributions)
    words = plural(imported, "questionnaire importé", "questionnaires importés")
    print(typography(f"{number_label(imported)} {words} depuis {path.name}."))
    return 0


# --- export


def run_export(args: argparse.Namespace) -> int:
    import csv
    import io
    import json

    from cyberdent.domain.french import count_of, typography
    from cyberdent.domain.observatory.export import csv_rows, json_document
    from cyberdent.domain.observatory.tables import GROUPINGS, Query

    if args.format not in ("csv", "json"):
        raise UsageError(f"--format: {args.format[:40]!r} is not csv or json")
    unknown = [key for key in args.by if key not in GROUPINGS]
    if unknown:
        raise UsageError(f"--by: unknown key {unknown[0][:40]!r} (one of {', '.join(GROUPINGS)})")
    if len(set(args.by)) != len(args.by):
        raise UsageError("--by: each key at most once")
    start = _period("--from", args.start)
    end = _period("--to", args.end)
    if start and end and end < start:
        raise UsageError(f"--to {end} is before --from {start}")
    output: Path | None = args.output
    if output is not None and not output.absolute().parent.is_dir():
        raise UsageError(f"-o: the folder of {output} does not exist")
    _setup_django()
    from cyberdent.cli.inputs import referential_from
    from cyberdent.observatory.selectors import observatory_table

    ref = referential_from(None)
    question_ids = [q.id for q in ref.questions]
    table = observatory_table(ref=ref, query=Query(by=tuple(args.by), start=start, end=end))
    if args.format == "json":
        text = json.dumps(json_document(table, question_ids), ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(csv_rows(table, question_ids))
        text = buffer.getvalue()
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"-o: cannot write {output} ({exc.strerror or exc})") from exc
    groups = count_of(len(table.rows), "groupe")
    print(typography(f"Écrit : {output} ({groups} et le total)."))
    return 0


# --- demo


def run_demo(args: argparse.Namespace) -> int:
    import itertools
    import time

    from cyberdent.domain.french import number_label, typography

    if args.contributions is None and not args.clear:
        raise UsageError("demo: give --contributions N, or --clear")
    _setup_django()
    from cyberdent.cli.inputs import referential_from
    from cyberdent.domain.observatory.demo import demo_contributions
    from cyberdent.observatory.selectors import current_period
    from cyberdent.observatory.services import contributions_import, demo_clear

    if args.clear:
        removed = demo_clear()
        print(typography(f"Données de démonstration supprimées : {number_label(removed)}."))
    if args.contributions is None:
        return 0
    ref = referential_from(None)
    total: int = args.contributions
    generated = demo_contributions(ref, count=total, seed=args.seed, today=current_period())
    started = time.monotonic()
    done = 0
    while batch := list(itertools.islice(generated, DEMO_BATCH)):
        done += contributions_import(ref=ref, contributions=batch, demo=True)
        elapsed = time.monotonic() - started
        print(
            f"demo: {done:,}/{total:,} contributions ({elapsed:.1f} s, "
            f"{done / elapsed if elapsed else 0:,.0f}/s)",
            file=sys.stderr,
        )
    print(
        typography(
            f"{number_label(done)} contributions de démonstration ajoutées "
            f"(graine {args.seed}, {time.monotonic() - started:.1f} s). "
            "Pour les retirer : cyberdent observatory demo --clear"
        )
    )
    return 0


# --- staff


def _email(value: str) -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    # Lower case, as allauth stores addresses: the password reset looks the account up by the
    # lower-cased address, so « Nouvelle@urps.test » would never receive its link.
    email = value.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise UsageError(f"{value[:80]!r} is not an e-mail address") from exc
    return email


def run_staff_add(args: argparse.Namespace) -> int:
    from cyberdent.domain.french import typography

    _setup_django()
    from cyberdent.observatory.services import staff_add

    user, created = staff_add(email=_email(args.email))
    if created:
        lines = [
            f"Compte créé pour {user.email} et ajouté à l'équipe de l'URPS.",
            "Son titulaire choisit son mot de passe avec « Mot de passe oublié ? » sur la page "
            "de connexion.",
        ]
    else:
        lines = [f"Compte existant {user.email} : il fait désormais partie de l'équipe de l'URPS."]
    lines.append(
        "La double authentification lui sera demandée à sa première visite des pages de l'URPS."
    )
    print("\n".join(typography(line) for line in lines))
    return 0


def run_staff_remove(args: argparse.Namespace) -> int:
    from cyberdent.domain.french import typography

    _setup_django()
    from cyberdent.observatory.services import staff_remove

    email = _email(args.email)
    if staff_remove(email=email):
        print(typography(f"{email} ne fait plus partie de l'équipe de l'URPS (le compte reste)."))
    else:
        print(typography(f"{email} ne faisait pas partie de l'équipe de l'URPS : rien à faire."))
    return 0


def run_staff_list(args: argparse.Namespace) -> int:
    from cyberdent.domain.french import typography

    _setup_django()
    from cyberdent.observatory.models import StaffMember
    from cyberdent.practices.access import has_mfa

    members = list(StaffMember.objects.select_related("user").order_by("user__email"))
    if not members:
        print(typography("Aucun membre de l'équipe de l'URPS."))
        return 0
    for member in members:
        mfa = (
            "double authentification activée"
            if has_mfa(member.user)
            else "double authentification à activer"
        )
        since = member.added_at.date().isoformat()
        print(f"{member.user.email}\tdepuis {since}\t{mfa}")
    return 0
