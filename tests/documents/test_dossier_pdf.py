"""The incident dossier: PDF/UA-1, deterministic, the timeline and the report texts."""

from __future__ import annotations

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
    assert_tagged_pdf_ua,
    pdf_text,
    render_png,
    squash,
)

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
        "Dossier d'incident de cybersécurité — Cabinet des Lilas",
        "samedi 28/03/2026 à 22 h 00",
        "mardi 31/03/2026 à 23 h 00",  # 72 h later, across the spring change
        "Fait dans le délai",
        "Délai dépassé",  # the CNIL was not notified
        "PV 2026/123",
        "Poste accueil",
        "Prestataire Info Santé",
        "Rançon affichée #1 $5 *gras*",  # user text stays text, never typst markup
        "Fait : Isolez les postes",
        "par Dr Dupont",
        "informez aussi chaque patient concerné",
        "Pièce jointe ouverte",
        "Signalement d'incident de cybersécurité — Cabinet des Lilas",
        "Déclaration de sinistre cyber — Cabinet des Lilas",
    )
    text = squash(pdf_text(pdf))
    order = ["Découvertedel'incident", "Rançonaffichée", "Fait:Isolezlespostes", "Ligne1"]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    assert_tagged_pdf_ua(pdf)
    assert len(render_png(pdf, tmp_path)) >= 1


def test_same_input_same_bytes() -> None:
    assert _pdf() == _pdf()
