"""Closing and reopening an incident record: journaled, read-only retour d'expérience."""

from __future__ import annotations

import datetime as dt

from cyberdent.domain.incident import (
    PARIS,
    IncidentKind,
    IncidentRecord,
    PatientData,
    record_closed,
    record_from_dict,
    record_reopened,
    record_to_dict,
    record_with_patient_data,
)
from tests.french import fr

DISCOVERED = dt.datetime(2026, 11, 30, 8, 0, tzinfo=PARIS)
LATER = DISCOVERED + dt.timedelta(days=2)


def record() -> IncidentRecord:
    return IncidentRecord(
        kind=IncidentKind.RANSOMWARE, discovered_at=DISCOVERED, patient_data=PatientData.YES
    )


def test_closing_records_the_lessons_and_a_journal_entry() -> None:
    closed = record_closed(record(), what_happened="Faux mail", what_would_help="Former", at=LATER)
    assert closed.closed_at == LATER
    assert (closed.lessons_what_happened, closed.lessons_what_would_help) == ("Faux mail", "Former")
    assert closed.journal[-1].text.startswith("Incident clôturé")


def test_closing_twice_keeps_the_first_retour_d_experience() -> None:
    closed = record_closed(record(), what_happened="Faux mail", what_would_help="", at=LATER)
    again = record_closed(closed, what_happened="Autre", what_would_help="x", at=LATER)
    assert again == closed


def test_reopening_is_journaled_and_keeps_the_lessons() -> None:
    closed = record_closed(record(), what_happened="Faux mail", what_would_help="", at=LATER)
    reopened = record_reopened(closed, LATER + dt.timedelta(hours=1))
    assert reopened.closed_at is None
    assert reopened.journal[-1].text == "Incident rouvert."
    assert reopened.lessons_what_happened == "Faux mail"
    assert record_reopened(reopened, LATER) == reopened  # an open record stays as it is


def test_a_closed_record_survives_the_round_trip() -> None:
    closed = record_closed(record(), what_happened="Faux mail", what_would_help="Former", at=LATER)
    again = record_from_dict(record_to_dict(closed), ["isolate"])
    assert again.closed_at == LATER
    assert again.lessons_what_would_help == "Former"


def test_a_full_journal_does_not_prevent_closing() -> None:
    from dataclasses import replace

    from cyberdent.domain.incident import JOURNAL_MAX_ENTRIES, JournalRecord

    full = replace(
        record(),
        journal=tuple(
            JournalRecord(created_at=DISCOVERED, text="x") for _ in range(JOURNAL_MAX_ENTRIES)
        ),
    )
    closed = record_closed(full, what_happened="Faux mail", what_would_help="", at=LATER)
    assert closed.closed_at == LATER and len(closed.journal) == JOURNAL_MAX_ENTRIES


def test_the_personal_data_answer_can_change_and_the_change_is_journaled() -> None:
    start = replace_patient_data(record(), PatientData.UNKNOWN)
    changed = record_with_patient_data(start, PatientData.YES, LATER)
    assert changed.patient_data is PatientData.YES
    assert changed.journal[-1].text == (
        fr(
            "Réponse modifiée — des données personnelles peuvent-elles être concernées ? "
            "« Je ne sais pas » → « Oui »."
        )
    )
    assert record_with_patient_data(changed, PatientData.YES, LATER) == changed


def replace_patient_data(base: IncidentRecord, value: PatientData) -> IncidentRecord:
    from dataclasses import replace

    return replace(base, patient_data=value)


def test_a_repeated_last_entry_is_recognised() -> None:
    from cyberdent.domain.incident import record_with_entry, repeats_last_entry

    assert not repeats_last_entry(record(), "Rançon affichée")
    one = record_with_entry(record(), "Rançon affichée", LATER)
    assert repeats_last_entry(one, "  Rançon affichée ")
    assert not repeats_last_entry(one, "Autre chose")
