"""Incident deadlines, validation, the personal-data helper and the dossier (hand-computed)."""

from __future__ import annotations

import datetime as dt

import pytest

from cyberdent.domain.incident import (
    JOURNAL_MAX_LENGTH,
    PARIS,
    DeadlineKind,
    DeadlineStatus,
    Exemption,
    IncidentError,
    IncidentKind,
    IncidentRecord,
    JournalRecord,
    PatientData,
    PatientNotice,
    Risk,
    StepRecord,
    build_dossier,
    cnil_deadline,
    complaint_deadline,
    deadline_status,
    format_duration,
    incident_deadlines,
    personal_data_decision,
    record_from_dict,
    record_to_dict,
    record_with_entry,
    record_with_step,
    time_left,
    timeline,
    validate_discovery,
    validate_journal_text,
)
from tests.french import fr

UTC = dt.UTC


def paris(*args: int, fold: int = 0) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS, fold=fold)  # type: ignore[misc]


# --- Deadlines across daylight-saving changes (2026: 29 March and 25 October)


def test_spring_change_shifts_the_wall_clock_hour() -> None:
    # 28/03 22:00 Paris is UTC+1 = 21:00Z; + 72 h = 31/03 21:00Z = 23:00 Paris (UTC+2).
    due = complaint_deadline(paris(2026, 3, 28, 22, 0))
    assert due.astimezone(UTC) == dt.datetime(2026, 3, 31, 21, 0, tzinfo=UTC)
    assert (due.year, due.month, due.day, due.hour, due.minute) == (2026, 3, 31, 23, 0)
    assert due.utcoffset() == dt.timedelta(hours=2)


def test_autumn_change_shifts_the_other_way() -> None:
    # 24/10 22:00 Paris is UTC+2 = 20:00Z; + 72 h = 27/10 20:00Z = 21:00 Paris (UTC+1).
    due = complaint_deadline(paris(2026, 10, 24, 22, 0))
    assert due.astimezone(UTC) == dt.datetime(2026, 10, 27, 20, 0, tzinfo=UTC)
    assert (due.day, due.hour) == (27, 21)
    assert due.utcoffset() == dt.timedelta(hours=1)


def test_autumn_ambiguous_hour_follows_the_offset_given() -> None:
    # 25/10 02:30 happens twice: first at UTC+2 (00:30Z), then at UTC+1 (01:30Z).
    first = complaint_deadline(paris(2026, 10, 25, 2, 30, fold=0))
    second = complaint_deadline(paris(2026, 10, 25, 2, 30, fold=1))
    assert first.astimezone(UTC) == dt.datetime(2026, 10, 28, 0, 30, tzinfo=UTC)
    assert (first.day, first.hour, first.minute) == (28, 1, 30)
    assert second.astimezone(UTC) == dt.datetime(2026, 10, 28, 1, 30, tzinfo=UTC)
    assert (second.day, second.hour, second.minute) == (28, 2, 30)


def test_no_change_keeps_the_hour() -> None:
    due = complaint_deadline(paris(2026, 11, 28, 9, 15))
    assert (due.month, due.day, due.hour, due.minute) == (12, 1, 9, 15)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        complaint_deadline(dt.datetime(2026, 3, 28, 22, 0))


def test_cnil_deadline_only_when_patient_data_may_be_affected() -> None:
    found = paris(2026, 3, 28, 22, 0)
    assert cnil_deadline(found, PatientData.NO) is None
    assert cnil_deadline(found, PatientData.YES) == paris(2026, 3, 31, 23, 0)
    assert cnil_deadline(found, PatientData.UNKNOWN) == paris(2026, 3, 31, 23, 0)


def test_time_left_and_statuses() -> None:
    due = paris(2026, 3, 31, 23, 0)
    assert time_left(due, paris(2026, 3, 31, 10, 0)) == dt.timedelta(hours=13)
    assert deadline_status(due, paris(2026, 3, 31, 10, 0)) is DeadlineStatus.OK
    assert deadline_status(due, paris(2026, 3, 31, 11, 0, 1)) is DeadlineStatus.SOON
    assert deadline_status(due, paris(2026, 3, 31, 23, 0)) is DeadlineStatus.OVERDUE
    assert deadline_status(due, paris(2026, 4, 2, 0, 0)) is DeadlineStatus.OVERDUE
    assert deadline_status(due, paris(2026, 4, 2), paris(2026, 3, 30, 9)) is DeadlineStatus.MET
    assert deadline_status(due, paris(2026, 4, 2), paris(2026, 4, 1, 9)) is DeadlineStatus.LATE


def test_across_the_change_13_hours_of_wall_clock_are_12_hours_of_time() -> None:
    # Discovery 28/03 22:00; at 31/03 10:00 Paris (08:00Z) 13 h remain until 21:00Z.
    deadlines = incident_deadlines(
        kind=IncidentKind.RANSOMWARE,
        discovered_at=paris(2026, 3, 28, 22, 0),
        patient_data=PatientData.NO,
        now=paris(2026, 3, 31, 10, 0),
    )
    assert len(deadlines) == 1
    assert deadlines[0].left == dt.timedelta(hours=13)
    assert "Il reste 13 h 00 min" in deadlines[0].sentence
    assert "mardi 31/03/2026 à 23 h 00" in deadlines[0].sentence


def test_overdue_says_what_to_do() -> None:
    complaint, cnil = incident_deadlines(
        kind=IncidentKind.RANSOMWARE,
        discovered_at=paris(2026, 3, 28, 22, 0),
        patient_data=PatientData.UNKNOWN,
        now=paris(2026, 4, 1, 1, 30),  # 2 h 30 after 23:00
    )
    assert complaint.kind is DeadlineKind.COMPLAINT and complaint.overdue
    assert "dépassée depuis 2 h 30 min" in complaint.sentence
    assert "Déposez plainte quand même" in complaint.sentence
    assert "assureur" in complaint.sentence
    assert cnil.kind is DeadlineKind.CNIL and cnil.overdue
    assert "raisons du retard" in cnil.sentence


def test_done_steps_meet_the_deadlines() -> None:
    complaint, cnil = incident_deadlines(
        kind=IncidentKind.RANSOMWARE,
        discovered_at=paris(2026, 3, 28, 22, 0),
        patient_data=PatientData.YES,
        now=paris(2026, 4, 5),
        steps_done={"file_complaint": paris(2026, 3, 30, 9, 0)},
    )
    assert complaint.status is DeadlineStatus.MET
    assert fr("avant l'échéance") in complaint.sentence
    assert cnil.status is DeadlineStatus.OVERDUE


def test_format_duration() -> None:
    assert format_duration(dt.timedelta(minutes=7)) == "7 min"
    assert format_duration(dt.timedelta(hours=5, minutes=7)) == "5 h 07 min"
    assert format_duration(dt.timedelta(days=2, minutes=3)) == "2 jours 0 h 03 min"
    assert format_duration(dt.timedelta(days=1, hours=1)) == "1 jour 1 h 00 min"
    assert format_duration(-dt.timedelta(hours=3)) == "3 h 00 min"


# --- Validation


def test_discovery_in_the_future_is_refused_beyond_a_few_minutes() -> None:
    now = paris(2026, 11, 28, 10, 0)
    assert validate_discovery(paris(2026, 11, 28, 10, 4), now)
    with pytest.raises(IncidentError, match="dans le futur"):
        validate_discovery(paris(2026, 11, 28, 10, 6), now)
    with pytest.raises(IncidentError, match="plus de 5 ans"):
        validate_discovery(paris(2016, 11, 28, 10, 0), now)


def test_journal_text_rules() -> None:
    assert validate_journal_text("  Appel au prestataire  ") == "Appel au prestataire"
    with pytest.raises(IncidentError, match="vide"):
        validate_journal_text("   \n ")
    assert len(validate_journal_text("x" * JOURNAL_MAX_LENGTH)) == JOURNAL_MAX_LENGTH
    with pytest.raises(IncidentError, match="5000 caractères au maximum"):
        validate_journal_text("x" * 20_000)


# --- Personal data (facts 3a, 3b)


def test_unlikely_risk_needs_no_notification_but_a_record() -> None:
    d = personal_data_decision(risk=Risk.UNLIKELY, exemption=Exemption.NONE)
    assert not d.notify_cnil and d.document_internally
    assert d.patient_notice is PatientNotice.NOT_REQUIRED
    assert any("En cas de doute, notifiez" in s for s in d.sentences)


@pytest.mark.parametrize("risk", [Risk.POSSIBLE, Risk.UNKNOWN, Risk.HIGH])
def test_any_other_risk_notifies_the_cnil(risk: Risk) -> None:
    assert personal_data_decision(risk=risk, exemption=Exemption.NONE).notify_cnil


@pytest.mark.parametrize(
    ("exemption", "notice"),
    [
        (Exemption.NONE, PatientNotice.INDIVIDUAL),
        (Exemption.ENCRYPTED, PatientNotice.NOT_REQUIRED),
        (Exemption.RISK_REMOVED, PatientNotice.NOT_REQUIRED),
        (Exemption.DISPROPORTIONATE, PatientNotice.PUBLIC),
    ],
)
def test_high_risk_informs_the_patients_unless_exempted(
    exemption: Exemption, notice: PatientNotice
) -> None:
    assert personal_data_decision(risk=Risk.HIGH, exemption=exemption).patient_notice is notice


def test_possible_risk_does_not_require_informing_patients() -> None:
    d = personal_data_decision(risk=Risk.POSSIBLE, exemption=Exemption.NONE)
    assert d.patient_notice is PatientNotice.NOT_REQUIRED


# --- Record, timeline, dossier


def _record() -> IncidentRecord:
    return IncidentRecord(
        kind=IncidentKind.RANSOMWARE,
        discovered_at=paris(2026, 3, 28, 22, 0),
        patient_data=PatientData.YES,
        steps=(
            StepRecord("isolate", paris(2026, 3, 28, 22, 20)),
            StepRecord("file_complaint", paris(2026, 3, 30, 9, 0)),
        ),
        journal=(
            JournalRecord(paris(2026, 3, 28, 22, 5), "Message de rançon sur le poste 2"),
            JournalRecord(paris(2026, 3, 28, 22, 20), "Câble débranché"),
        ),
        complaint_reference="PV 2026/123",
        affected_systems="Poste 2, serveur",
    )


def test_timeline_is_in_time_order_steps_before_entries_on_ties() -> None:
    items = timeline(_record(), {"isolate": "Isolez", "file_complaint": "Plainte"})
    assert [i.text for i in items] == [
        fr("Découverte de l'incident"),
        "Message de rançon sur le poste 2",
        fr("Fait : Isolez"),
        "Câble débranché",
        fr("Fait : Plainte"),
    ]


def test_dossier_reports_hold_the_facts() -> None:
    dossier = build_dossier(_record(), step_titles={}, now=paris(2026, 4, 5))
    assert dossier.deadlines[0].status is DeadlineStatus.MET
    assert dossier.deadlines[1].status is DeadlineStatus.OVERDUE
    assert "samedi 28/03/2026 à 22 h 00" in dossier.cert_body
    assert "rançongiciel" in dossier.cert_body
    assert "Poste 2, serveur" in dossier.insurer_body
    assert "PV 2026/123" in dossier.insurer_body
    assert "lundi 30/03/2026 à 09 h 00" in dossier.insurer_body


def test_record_round_trip_and_append_only_helpers() -> None:
    record = _record()
    ids = ["isolate", "file_complaint", "call_it_provider"]
    assert record_from_dict(record_to_dict(record), ids) == record
    again = record_with_step(record, "isolate", paris(2026, 4, 1))
    assert again.steps_done["isolate"] == paris(2026, 3, 28, 22, 20)  # the first time counts
    added = record_with_entry(record, " Correction : poste 3 ", paris(2026, 3, 29))
    assert added.journal[:2] == record.journal
    assert added.journal[-1].text == "Correction : poste 3"
    with pytest.raises(IncidentError):
        record_with_entry(record, "", paris(2026, 3, 29))


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"k": "ransomware", "d": "2026-03-28T21:00:00", "p": "yes"},  # naive
        {"k": "nope", "d": "2026-03-28T21:00:00+00:00", "p": "yes"},
        {"k": "ransomware", "d": "2026-03-28T21:00:00+00:00", "p": "yes", "s": [["x", "y"]]},
        {"k": "ransomware", "d": "2026-03-28T21:00:00+00:00", "p": "yes", "cr": "x" * 500},
    ],
)
def test_bad_dicts_are_refused(raw: dict[str, object]) -> None:
    with pytest.raises(IncidentError):
        record_from_dict(raw, ["isolate"])


def test_the_anonymous_journal_is_capped_in_total() -> None:
    import datetime as dt

    from cyberdent.domain.incident import (
        ANONYMOUS_JOURNAL_MAX_CHARACTERS,
        IncidentError,
        IncidentKind,
        IncidentRecord,
        PatientData,
        record_with_entry,
    )

    at = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
    record = IncidentRecord(
        kind=IncidentKind.RANSOMWARE, discovered_at=at, patient_data=PatientData.NO
    )
    for _ in range(ANONYMOUS_JOURNAL_MAX_CHARACTERS // 5000):
        record = record_with_entry(record, "x" * 5000, at)
    with pytest.raises(IncidentError, match="limité à 40 000 caractères"):
        record_with_entry(record, "encore une entrée", at)
