"""The diagnostic report PDF holds what the result page shows, tagged and deterministic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cyberdent.documents.report_pdf import render_report_pdf
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.report import DiagnosticReport, build_report
from tests.conftest import QUESTION_IDS, all_yes
from tests.documents.pdfcheck import (
    assert_contains,
    assert_inside_the_page,
    assert_tagged_pdf_ua,
    page_count,
    pdf_text,
    render_png,
    squash,
)

MOMENT = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


def report_for(
    ref: Referential, raw: dict[str, str], practice: str | None = None
) -> DiagnosticReport:
    answers = parse_answers(ref, raw)
    return build_report(ref, assess(ref, answers), practice_name=practice, date=MOMENT.date())


@pytest.fixture(scope="module")
def mixed_pdf(ref: Referential) -> bytes:
    raw = {qid: ("yes", "no", "unknown")[i % 3] for i, qid in enumerate(QUESTION_IDS)}
    return render_report_pdf(report_for(ref, raw, "Cabinet des Lilas"), timestamp=MOMENT)


def test_holds_score_level_reasons_and_every_action(ref: Referential, mixed_pdf: bytes) -> None:
    raw = {qid: ("yes", "no", "unknown")[i % 3] for i, qid in enumerate(QUESTION_IDS)}
    report = report_for(ref, raw, "Cabinet des Lilas")
    a = report.assessment
    assert_contains(
        mixed_pdf,
        "Cabinet des Lilas",
        "28 novembre 2026",
        f"{a.score}/11",
        a.level_info.label,
        *a.reasons,
        *(action.title for action in a.actions),
        "Je ne sais pas",
        "À faire en priorité",
        "urps_cd_occitanie_cyber 1.0.0",
    )


def test_is_tagged_pdf_ua_with_page_numbers(mixed_pdf: bytes) -> None:
    assert_tagged_pdf_ua(mixed_pdf)
    pages = page_count(mixed_pdf)
    assert pages >= 2
    assert f"Page{pages}sur{pages}" in squash(pdf_text(mixed_pdf))


def test_same_input_same_bytes(ref: Referential, mixed_pdf: bytes) -> None:
    raw = {qid: ("yes", "no", "unknown")[i % 3] for i, qid in enumerate(QUESTION_IDS)}
    again = render_report_pdf(report_for(ref, raw, "Cabinet des Lilas"), timestamp=MOMENT)
    assert again == mixed_pdf


def test_pages_render_to_png(mixed_pdf: bytes, tmp_path: Path) -> None:
    assert len(render_png(mixed_pdf, tmp_path)) == page_count(mixed_pdf)


def test_markup_in_a_practice_name_stays_text(ref: Referential) -> None:
    hostile = 'Cabinet #set page(paper: "a5") ] [ $x$ <b> \\ *gras* @ref'
    pdf = render_report_pdf(report_for(ref, all_yes(), hostile), timestamp=MOMENT)
    assert_contains(pdf, hostile)


def test_low_level_report_shows_the_upkeep_plan(ref: Referential) -> None:
    pdf = render_report_pdf(report_for(ref, all_yes()), timestamp=MOMENT)
    assert_contains(pdf, "11/11", "Risque faible", "Entretenir vos acquis")
    assert_contains(pdf, *(a.title for a in ref.maintenance))


def test_long_unbroken_practice_name_stays_inside_the_page(
    ref: Referential, tmp_path: Path
) -> None:
    name = "W" * 200
    pdf = render_report_pdf(report_for(ref, all_yes(), name), timestamp=MOMENT)
    assert_inside_the_page(pdf, tmp_path, name)
    assert "cert-sante@" not in pdf_text(pdf)
    assert len(render_png(pdf, tmp_path)) == page_count(pdf)


def test_every_page_of_the_longest_report_stays_inside(mixed_pdf: bytes, tmp_path: Path) -> None:
    assert_inside_the_page(mixed_pdf, tmp_path)
