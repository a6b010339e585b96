"""`cyberdent report` and `cyberdent protocol`: the PDF documents from the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from cyberdent.cli.errors import UsageError
from cyberdent.cli.inputs import read_mapping, referential_from
from cyberdent.documents.poster_pdf import render_poster_pdf
from cyberdent.documents.report_pdf import render_report_pdf
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.errors import AnswersError, ContactsError
from cyberdent.domain.protocol import build_poster, parse_contacts
from cyberdent.domain.report import build_report


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def add_parsers(commands: Any) -> None:
    report = commands.add_parser("report", help="the diagnostic report as a PDF")
    report.add_argument("--answers", metavar="FILE", required=True, help="JSON or YAML answers")
    report.add_argument("-o", "--output", metavar="PDF", required=True)
    report.add_argument("--practice", default="", help="practice name printed on the report")
    report.add_argument("--date", type=_date, help="date printed (default: today)")
    report.add_argument("--referential", metavar="FILE")
    report.set_defaults(handler=run_report)

    protocol = commands.add_parser("protocol", help="the crisis-protocol poster as a PDF")
    protocol.add_argument("--contacts", metavar="FILE", required=True, help="JSON or YAML")
    protocol.add_argument("-o", "--output", metavar="PDF", required=True)
    protocol.add_argument("--referential", metavar="FILE")
    protocol.set_defaults(handler=run_protocol)


def _write(path: str, pdf: bytes) -> None:
    try:
        Path(path).write_bytes(pdf)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write file ({exc})") from exc
    print(f"written: {path} ({len(pdf):,} bytes)")


def run_report(args: argparse.Namespace) -> int:
    ref = referential_from(args.referential)
    try:
        answers = parse_answers(ref, read_mapping(args.answers))
    except AnswersError as exc:
        raise UsageError(f"{args.answers}: " + "; ".join(exc.problems)) from exc
    if len(args.practice) > 120:
        raise UsageError("--practice: 120 characters at most")
    report = build_report(
        ref, assess(ref, answers), practice_name=args.practice or None, date=args.date
    )
    _write(args.output, render_report_pdf(report))
    return 0


def run_protocol(args: argparse.Namespace) -> int:
    ref = referential_from(args.referential)
    try:
        contacts = parse_contacts(read_mapping(args.contacts))
    except ContactsError as exc:
        raise UsageError(f"{args.contacts}: " + " ".join(exc.problems.values())) from exc
    _write(args.output, render_poster_pdf(build_poster(ref, contacts)))
    return 0
