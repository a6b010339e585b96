"""The incident dossier: PDF/UA-1, deterministic, the timeline and the report texts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from cyberdent.documents.dossier_pdf import render_dossier_pdf
from cyberdent.domain.incident import (
    PARIS,
    Exemption,
    IncidentKind,
    IncidentRecord,
    JournalRecord,
    PatientData,
    Risk,
    StepRecord,
    build_dossier,
)
from tests.documents.pdfcheck import (
    assert_contains,
    assert_inside_the_page,
    assert_tagged_pdf_ua,
    joined,
    pdf_text,
    render_png,
    squash,
    text_runs,
)
from tests.french import fr

MOMENT = dt.datetime(2026, 4, 5, 10, 0, tzinfo=dt.UTC)
RECORD = IncidentRecord(
    kind=IncidentKind.RANSOMWARE,
    discovered_at=dt.datetime(2026, 3, 28, 22, 0, tzinfo=PARIS),
    patient_data=PatientData.YES,
    steps=(
        StepRecord("isolate", dt.datetime(2026, 3, 28, 22, 20, tzinfo=PARIS), "Dr Dupont"),
        StepRecord("file_complaint", dt.datetime(2026, 3, 30, 9, 0, tzinfo=PARIS)),
    ),
    journal=(
        JournalRecord(
            dt.datetime(2026, 3, 28, 22, 5, tzinfo=PARIS), "Rançon affichée #1 $5 *gras*"
        ),
        JournalRecord(dt.datetime(2026, 3, 29, 8, 0, tzinfo=PARIS), "Ligne 1\nLigne 2", "Léa"),
    ),
    complaint_reference="PV 2026/123",
    affected_systems="Poste accueil\nServeur",
    contacted="Prestataire Info Santé",
    practice_name="Cabinet des Lilas",
    risk=Risk.HIGH,
    exemption=Exemption.NONE,
    lessons_what_happened="Pièce jointe ouverte",
)


def _pdf() -> bytes:
    dossier = build_dossier(RECORD, step_titles={"isolate": "Isolez les postes"}, now=MOMENT)
    return render_dossier_pdf(
        dossier, referential="test 1.0", portal_url="https://signalement.social-sante.gouv.fr"
    )


def test_dossier_holds_the_summary_timeline_and_reports(tmp_path: Path) -> None:
    pdf = _pdf()
    assert pdf[:4] == b"%PDF"
    assert_contains(
        pdf,
        fr("Dossier d'incident de cybersécurité — Cabinet des Lilas"),
        "samedi 28/03/2026 à 22 h 00",
        "mardi 31/03/2026 à 23 h 00",  # 72 h later, across the spring change
        "Fait dans le délai",
        "Délai dépassé",  # the CNIL was not notified
        "PV 2026/123",
        "Poste accueil",
        "Prestataire Info Santé",
        "Rançon affichée #1 $5 *gras*",  # user text stays text, never typst markup
        fr("Fait : Isolez les postes"),
        "par Dr Dupont",
        "informez aussi chaque patient concerné",
        "Pièce jointe ouverte",
        fr("Signalement d'incident de cybersécurité — Cabinet des Lilas"),
        "Déclaration de sinistre cyber — Cabinet des Lilas",
    )
    text = squash(pdf_text(pdf))
    order = [fr("Découvertedel'incident"), "Rançonaffichée", "Fait:Isolezlespostes", "Ligne1"]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    assert_tagged_pdf_ua(pdf)
    assert len(render_png(pdf, tmp_path)) >= 1


def test_same_input_same_bytes() -> None:
    assert _pdf() == _pdf()


def test_closed_dossier_says_when_and_prints_the_journals_fingerprint(tmp_path: Path) -> None:
    closed = dataclasses.replace(RECORD, closed_at=dt.datetime(2026, 4, 2, 18, 30, tzinfo=PARIS))
    dossier = build_dossier(closed, step_titles={}, now=MOMENT)
    fingerprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    pdf = render_dossier_pdf(
        dossier, referential="test 1.0", portal_url="https://x.example", chain_hash=fingerprint
    )
    assert_contains(
        pdf,
        "Clôturé le jeudi 02/04/2026 à 18 h 30",
        f"Empreinte du journal (SHA-256) : {fingerprint}",
        "cyberdent incident verify",
    )
    mono = [r for r in text_runs(pdf) if "Mono" in r.font]
    assert joined(mono) == fingerprint
    assert max(r.size for r in mono) < 9  # a small line
    assert len(render_png(pdf, tmp_path)) >= 1


def test_open_dossier_has_neither_closing_nor_fingerprint() -> None:
    text = squash(pdf_text(_pdf()))
    assert "Clôturé" not in text and "Empreinte" not in text
    assert "cert-sante@" not in text  # content-facts 1c: not confirmed by the ANS


def test_long_unbroken_text_in_every_field_stays_inside_the_page(tmp_path: Path) -> None:
    w = "W" * 200
    at = dt.datetime(2026, 3, 28, 22, 0, tzinfo=PARIS)
    record = dataclasses.replace(
        RECORD,
        steps=(StepRecord("isolate", at + dt.timedelta(minutes=20), w),),
        journal=(JournalRecord(at + dt.timedelta(minutes=5), w, w),),
        complaint_reference=w,
        affected_systems=w,
        contacted=w,
        practice_name=w,
        lessons_what_happened=w,
        lessons_what_would_help=w,
    )
    dossier = build_dossier(record, step_titles={"isolate": w}, now=MOMENT)
    pdf = render_dossier_pdf(
        dossier, referential="test 1.0", portal_url="https://x.example", chain_hash="f" * 200
    )
    assert_inside_the_page(pdf, tmp_path, w, "f" * 200)
    assert len(render_png(pdf, tmp_path)) >= 1


def test_a_card_without_a_clock_prints_no_due_date() -> None:
    lost = dataclasses.replace(RECORD, kind=IncidentKind.DEVICE_LOST)
    dossier = build_dossier(lost, step_titles={}, now=MOMENT)
    pdf = render_dossier_pdf(dossier, referential="test 1.0", portal_url="https://example.test")
    text = pdf_text(pdf)
    # The complaint card: its status straight after the title, no « Échéance » line.
    assert "Dépôt de plainte\nPas de délai de 72 heures" in text
