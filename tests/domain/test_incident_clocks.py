"""Every clock tells the truth: which incidents get the complaint clock, the CNIL card when no
notification is required, wall-clock times the daylight-saving changes skip or repeat, and the
sentence explaining a deadline's moved hour (hand-computed, 2026 changes: 29/03 and 25/10)."""

from __future__ import annotations

import datetime as dt

import pytest

from cyberdent.domain.incident import (
    CNIL_NOT_REQUIRED,
    PARIS,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Exemption,
    IncidentError,
    IncidentKind,
    IncidentRecord,
    NonexistentTimeError,
    PatientData,
    Risk,
    StepRecord,
    build_dossier,
    clock_change_sentence,
    complaint_clock_applies,
    complaint_deadline,
    format_duration,
    incident_deadlines,
    legal_deadline,
    paris_moment,
    personal_data_decision,
    time_left,
)
from tests.french import fr

UTC = dt.UTC
NBSP = "\u00a0"


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


# --- The complaint clock (art. L12-10-1 C. assur.: attacks on a data-processing system)

CLOCK_BY_KIND = {
    IncidentKind.RANSOMWARE: True,
    IncidentKind.PHISHING: True,
    IncidentKind.OTHER: True,  # may be an attack: shown, with its condition in the title
    IncidentKind.DEVICE_LOST: False,
    IncidentKind.DATA_LEAK: False,
}


def test_every_kind_is_mapped() -> None:
    assert set(CLOCK_BY_KIND) == set(IncidentKind)


@pytest.mark.parametrize("kind", list(IncidentKind))
def test_complaint_clock_applies_to_attacks_only(kind: IncidentKind) -> None:
    assert complaint_clock_applies(kind) is CLOCK_BY_KIND[kind]


@pytest.mark.parametrize("kind", list(IncidentKind))
def test_the_complaint_card_counts_down_only_for_attacks(kind: IncidentKind) -> None:
    # Two days after the 72 hours: a countdown would say "dépassé".
    card = incident_deadlines(
        kind=kind,
        discovered_at=paris(2026, 11, 2, 10, 0),
        patient_data=PatientData.NO,
        now=paris(2026, 11, 7, 10, 0),
    )[0]
    assert card.kind is DeadlineKind.COMPLAINT
    if CLOCK_BY_KIND[kind]:
        assert card.status is DeadlineStatus.OVERDUE
        assert card.counting
        assert "Déposez plainte quand même" in card.sentence
    else:
        assert card.status is DeadlineStatus.NOT_REQUIRED
        assert not card.counting
        assert card.title == "Dépôt de plainte"
        assert "condition pour être indemnisé" not in card.title
        assert "dépassé" not in card.sentence
        assert "ne s’applique pas" in card.sentence
        assert "contrat d’assurance" in card.sentence
        assert card.sentence_parts[1] == ""  # nothing for the page's script to update
        assert card.clock_note is None


def test_theft_gets_a_complaint_recommended() -> None:
    card = incident_deadlines(
        kind=IncidentKind.DEVICE_LOST,
        discovered_at=paris(2026, 11, 2, 10, 0),
        patient_data=PatientData.NO,
        now=paris(2026, 11, 2, 11, 0),
    )[0]
    assert "En cas de vol, une plainte est recommandée" in card.sentence
    assert "appareil perdu ou volé" in card.sentence
    assert card.status_label == "Pas de délai de 72 heures pour ce type d’incident"


def test_data_sent_by_mistake_has_no_countdown() -> None:
    card = incident_deadlines(
        kind=IncidentKind.DATA_LEAK,
        discovered_at=paris(2026, 11, 2, 10, 0),
        patient_data=PatientData.NO,
        now=paris(2026, 11, 2, 11, 0),
    )[0]
    assert "Il reste" not in card.sentence
    assert "envoyées ou rendues visibles par erreur" in card.sentence


def test_something_else_shows_the_clock_with_its_condition() -> None:
    card = incident_deadlines(
        kind=IncidentKind.OTHER,
        discovered_at=paris(2026, 11, 2, 10, 0),
        patient_data=PatientData.NO,
        now=paris(2026, 11, 2, 11, 0),
    )[0]
    assert card.status is DeadlineStatus.OK
    assert card.title.startswith("Dépôt de plainte, si c’est une attaque informatique")


def test_a_complaint_filed_for_a_theft_is_noted_without_a_deadline() -> None:
    card = incident_deadlines(
        kind=IncidentKind.DEVICE_LOST,
        discovered_at=paris(2026, 11, 2, 10, 0),
        patient_data=PatientData.NO,
        now=paris(2026, 11, 9, 11, 0),
        steps_done={"file_complaint": paris(2026, 11, 8, 9, 0)},
    )[0]
    assert card.status is DeadlineStatus.NOT_REQUIRED
    assert card.sentence.startswith("Fait le dimanche 08/11/2026 à 09 h 00.")
    assert "après l'échéance" not in card.sentence


# --- The CNIL card follows the personal-data decision


def _cnil(risk: Risk | None, now: dt.datetime) -> Deadline:
    decision = None if risk is None else personal_data_decision(risk=risk, exemption=Exemption.NONE)
    complaint, cnil = incident_deadlines(
        kind=IncidentKind.RANSOMWARE,
        discovered_at=paris(2026, 11, 2, 10, 0),
        patient_data=PatientData.YES,
        now=now,
        decision=decision,
    )
    assert complaint.kind is DeadlineKind.COMPLAINT
    return cnil


def test_cnil_not_required_stops_counting_even_past_the_deadline() -> None:
    cnil = _cnil(Risk.UNLIKELY, paris(2026, 11, 9, 10, 0))
    assert cnil.status is DeadlineStatus.NOT_REQUIRED
    assert not cnil.overdue
    sentence = cnil.sentence
    assert sentence == CNIL_NOT_REQUIRED
    assert plain(sentence).startswith(
        fr("Non obligatoire d’après vos réponses ; documentez la violation en interne")
    )
    assert "quand même" not in sentence
    assert "Il reste" not in sentence
    assert cnil.status_label == "Non obligatoire d’après vos réponses"


@pytest.mark.parametrize("risk", [None, Risk.POSSIBLE, Risk.HIGH, Risk.UNKNOWN])
def test_cnil_counts_until_the_decision_says_otherwise(risk: Risk | None) -> None:
    cnil = _cnil(risk, paris(2026, 11, 9, 10, 0))
    assert cnil.status is DeadlineStatus.OVERDUE
    assert "Notifiez la CNIL quand même" in cnil.sentence


def test_the_dossier_passes_the_decision_to_the_deadlines() -> None:
    record = IncidentRecord(
        kind=IncidentKind.DEVICE_LOST,
        discovered_at=paris(2026, 11, 2, 10, 0),
        patient_data=PatientData.YES,
        risk=Risk.UNLIKELY,
        exemption=Exemption.ENCRYPTED,
        steps=(StepRecord("document_breach", paris(2026, 11, 2, 12, 0)),),
    )
    dossier = build_dossier(record, step_titles={}, now=paris(2026, 11, 9, 10, 0))
    assert [d.status for d in dossier.deadlines] == [
        DeadlineStatus.NOT_REQUIRED,
        DeadlineStatus.NOT_REQUIRED,
    ]
    assert not any(d.overdue for d in dossier.deadlines)


# --- Wall-clock times across the changes


def test_a_time_the_spring_change_skips_is_refused() -> None:
    with pytest.raises(NonexistentTimeError) as caught:
        paris_moment(dt.date(2026, 3, 29), dt.time(2, 30))
    message = plain(str(caught.value))
    assert message.startswith(
        fr("Cette heure n’existe pas le 29 mars : les horloges passent de 2 h à 3 h")
    )
    assert "avant 2 h ou à partir de 3 h" in message
    assert isinstance(caught.value, IncidentError)


@pytest.mark.parametrize(("hour", "minute"), [(2, 0), (2, 59)])
def test_the_whole_skipped_hour_is_refused(hour: int, minute: int) -> None:
    with pytest.raises(NonexistentTimeError):
        paris_moment(dt.date(2026, 3, 29), dt.time(hour, minute))


@pytest.mark.parametrize(("hour", "minute", "offset"), [(1, 59, 1), (3, 0, 2)])
def test_times_around_the_gap_exist(hour: int, minute: int, offset: int) -> None:
    moment = paris_moment(dt.date(2026, 3, 29), dt.time(hour, minute))
    assert moment.utcoffset() == dt.timedelta(hours=offset)


def test_a_repeated_autumn_time_takes_its_first_occurrence() -> None:
    moment = paris_moment(dt.date(2026, 10, 25), dt.time(2, 30))
    assert moment.utcoffset() == dt.timedelta(hours=2)  # summer time, the earlier reading
    assert moment.astimezone(UTC) == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    # Deadlines count from that reading: 25/10 00:30Z + 72 h = 28/10 00:30Z = 01:30 Paris.
    due = complaint_deadline(moment)
    assert due.astimezone(UTC) == dt.datetime(2026, 10, 28, 0, 30, tzinfo=UTC)
    assert (due.day, due.hour, due.minute) == (28, 1, 30)
    card = incident_deadlines(
        kind=IncidentKind.RANSOMWARE,
        discovered_at=moment,
        patient_data=PatientData.NO,
        now=dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    )[0]
    assert card.left == dt.timedelta(hours=71)


def test_an_ordinary_time_is_read_in_paris() -> None:
    moment = paris_moment(dt.date(2026, 11, 2), dt.time(10, 15))
    assert moment == dt.datetime(2026, 11, 2, 9, 15, tzinfo=UTC)


def test_time_left_is_elapsed_time_even_with_both_times_in_paris() -> None:
    # 24/10 22:00 (+2) to 25/10 22:00 (+1) is 25 hours, not 24.
    assert time_left(paris(2026, 10, 25, 22, 0), paris(2026, 10, 24, 22, 0)) == dt.timedelta(
        hours=25
    )


# --- Why the deadline's hour moved


def test_autumn_change_sentence() -> None:
    discovered = paris(2026, 10, 23, 10, 0)
    assert plain(clock_change_sentence(discovered, legal_deadline(discovered)) or "") == (
        fr(
            "Le passage à l’heure d’hiver le 25 octobre décale l’heure affichée : "
            "72 heures après 10 h 00 font 9 h 00."
        )
    )


def test_spring_change_sentence() -> None:
    discovered = paris(2026, 3, 27, 10, 0)
    assert plain(clock_change_sentence(discovered, legal_deadline(discovered)) or "") == (
        fr(
            "Le passage à l’heure d’été le 29 mars décale l’heure affichée : "
            "72 heures après 10 h 00 font 11 h 00."
        )
    )


@pytest.mark.parametrize(
    "discovered", [paris(2026, 11, 2, 10, 0), paris(2026, 3, 20, 10, 0), paris(2026, 3, 29, 3, 0)]
)
def test_no_sentence_without_a_change(discovered: dt.datetime) -> None:
    assert clock_change_sentence(discovered, legal_deadline(discovered)) is None


def test_the_cards_carry_the_sentence() -> None:
    complaint, cnil = incident_deadlines(
        kind=IncidentKind.RANSOMWARE,
        discovered_at=paris(2026, 10, 23, 10, 0),
        patient_data=PatientData.YES,
        now=paris(2026, 10, 23, 11, 0),
    )
    assert complaint.clock_note is not None
    assert "9\u00a0h\u00a000" in complaint.clock_note
    assert cnil.clock_note == complaint.clock_note


# --- The sentence in parts, for the page's script


def test_sentence_parts_isolate_the_duration() -> None:
    complaint = incident_deadlines(
        kind=IncidentKind.RANSOMWARE,
        discovered_at=paris(2026, 11, 2, 10, 0),
        patient_data=PatientData.NO,
        now=paris(2026, 11, 3, 8, 53),
    )[0]
    before, duration, after = complaint.sentence_parts
    assert (before, duration) == ("Il reste ", "2 jours 1 h 07 min")
    assert duration == format_duration(complaint.left)
    assert before + duration + after == complaint.sentence
    assert complaint.due_utc_iso == "2026-11-05T09:00:00+00:00"
