"""`cyberdent report` and `cyberdent protocol`: the PDF documents from the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cyberdent.cli.errors import UsageError

if TYPE_CHECKING:
    from cyberdent.domain.answers import Answers
    from cyberdent.domain.protocol import Poster
    from cyberdent.domain.referential_models import Referential
    from cyberdent.domain.report import DiagnosticReport


# The PDF renderers (typst) and the domain are imported when a command runs, not with the
# module: `cyberdent --help` and `cyberdent diagnose` do not pay for them. These three names are
# the module's seams (the tests replace them).


def render_report_pdf(report: DiagnosticReport) -> bytes:
    from cyberdent.documents.report_pdf import render_report_pdf as render

    return render(report)


def render_poster_pdf(poster: Poster) -> bytes:
    from cyberdent.documents.poster_pdf import render_poster_pdf as render

    return render(poster)


def parse_answers(ref: Referential, raw: dict[str, Any]) -> Answers:
    from cyberdent.domain.answers import parse_answers as parse

    return parse(ref, raw)


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


def _pdf(render: Callable[[Any], bytes], document: object) -> bytes:
    from cyberdent.documents.render import DocumentError

    try:
        pdf = render(document)
    except DocumentError as exc:
        # typst refused the text, e.g. a character none of the shipped fonts can draw.
        raise UsageError(f"cannot make the PDF: {exc}") from exc
    return pdf


def run_report(args: argparse.Namespace) -> int:
    from cyberdent.cli.inputs import read_mapping, referential_from
    from cyberdent.domain.assessment import assess
    from cyberdent.domain.errors import AnswersError
    from cyberdent.domain.report import build_report

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
    _write(args.output, _pdf(render_report_pdf, report))
    return 0


def run_protocol(args: argparse.Namespace) -> int:
    from cyberdent.cli.inputs import read_mapping, referential_from
    from cyberdent.domain.errors import ContactsError
    from cyberdent.domain.protocol import build_poster, parse_contacts

    ref = referential_from(args.referential)
    try:
        contacts = parse_contacts(read_mapping(args.contacts))
    except ContactsError as exc:
        raise UsageError(f"{args.contacts}: " + " ".join(exc.problems.values())) from exc
    _write(args.output, _pdf(render_poster_pdf, build_poster(ref, contacts)))
    return 0
