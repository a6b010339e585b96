"""The incident record shared by the anonymous and the practice modes, the journal rules, and
the plain dict the anonymous incident travels as (signed by the web layer)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cyberdent.domain.incident.clocks import FUTURE_TOLERANCE, ensure_aware
from cyberdent.domain.incident.daylight import PARIS
from cyberdent.domain.incident.kinds import (
    PATIENT_DATA_LABELS,
    IncidentError,
    IncidentKind,
    PatientData,
    patient_data_may_be_affected,
)
from cyberdent.domain.incident.personal_data import PERSONAL_DATA_STEPS, Exemption, Risk

JOURNAL_MAX_LENGTH = 5000
# The anonymous incident's whole journal, carried in a signed token in every page.
ANONYMOUS_JOURNAL_MAX_CHARACTERS = 40_000
JOURNAL_MAX_ENTRIES = 300
SHORT_MAX_LENGTH = 100
LONG_MAX_LENGTH = 2000


def validate_journal_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise IncidentError(
            "L’entrée du journal est vide : écrivez ce qui s’est passé ou a été fait."
        )
    if len(cleaned) > JOURNAL_MAX_LENGTH:
        raise IncidentError(
            f"L’entrée du journal est trop longue : {JOURNAL_MAX_LENGTH} caractères au maximum "
            f"({len(cleaned)} saisis). Découpez-la en plusieurs entrées."
        )
    return cleaned


def validate_text(text: str, *, label: str, limit: int) -> str:
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise IncidentError(f"{label} : {limit} caractères au maximum ({len(cleaned)} saisis).")
    return cleaned


@dataclass(frozen=True)
class StepRecord:
    step_id: str
    done_at: dt.datetime  # when it was really done (the person may give an earlier time)
    by: str = ""
    recorded_at: dt.datetime | None = None  # when "Fait" was pressed, if later than done_at

    @property
    def recorded_later(self) -> bool:
        return self.recorded_at is not None and self.recorded_at - self.done_at >= LATE_RECORD


@dataclass(frozen=True)
class JournalRecord:
    created_at: dt.datetime
    text: str
    author: str = ""


@dataclass(frozen=True)
class IncidentRecord:
    kind: IncidentKind
    discovered_at: dt.datetime
    patient_data: PatientData
    steps: tuple[StepRecord, ...] = ()
    journal: tuple[JournalRecord, ...] = ()
    complaint_reference: str = ""
    affected_systems: str = ""
    contacted: str = ""
    practice_name: str = ""
    # Anonymous mode only: the IT provider's phone typed at the start, for a tap to call.
    it_provider_phone: str = ""
    risk: Risk | None = None
    exemption: Exemption = Exemption.NONE
    closed_at: dt.datetime | None = None
    lessons_what_happened: str = ""
    lessons_what_would_help: str = ""

    @property
    def steps_done(self) -> dict[str, dt.datetime]:
        return {s.step_id: s.done_at for s in self.steps}

    @property
    def patient_data_may_be_affected(self) -> bool:
        return patient_data_may_be_affected(self.patient_data)


# --- The anonymous incident travels as a plain dict (signed by the web layer)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def record_to_dict(record: IncidentRecord) -> dict[str, object]:
    return {
        "k": record.kind.value,
        "d": _iso(record.discovered_at),
        "p": record.patient_data.value,
        "s": [
            [s.step_id, _iso(s.done_at), _iso(s.recorded_at) if s.recorded_at else ""]
            for s in record.steps
        ],
        "j": [[_iso(j.created_at), j.text] for j in record.journal],
        "cr": record.complaint_reference,
        "as": record.affected_systems,
        "co": record.contacted,
        "ip": record.it_provider_phone,
        "r": record.risk.value if record.risk is not None else "",
        "e": record.exemption.value,
        "c": _iso(record.closed_at) if record.closed_at is not None else "",
        "lh": record.lessons_what_happened,
        "lw": record.lessons_what_would_help,
    }


def _moment(value: object) -> dt.datetime:
    if not isinstance(value, str):
        raise IncidentError("date attendue")
    moment = dt.datetime.fromisoformat(value)
    ensure_aware(moment, "moment")
    return moment.astimezone(PARIS)


def _text(raw: Mapping[str, object], key: str, limit: int) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or len(value) > limit:
        raise IncidentError(f"{key}: texte invalide")
    return value


def record_from_dict(raw: Mapping[str, object], step_ids: Sequence[str]) -> IncidentRecord:
    """The record a dict from record_to_dict holds; IncidentError when it does not fit."""
    try:
        steps_raw = raw.get("s", [])
        journal_raw = raw.get("j", [])
        if not isinstance(steps_raw, list) or not isinstance(journal_raw, list):
            raise IncidentError("listes attendues")
        allowed = set(step_ids) | set(PERSONAL_DATA_STEPS)
        steps = []
        for item in steps_raw:
            if not isinstance(item, list) or len(item) not in (2, 3) or item[0] not in allowed:
                raise IncidentError("étape invalide")
            recorded = item[2] if len(item) == 3 else ""
            steps.append(
                StepRecord(
                    step_id=str(item[0]),
                    done_at=_moment(item[1]),
                    recorded_at=_moment(recorded) if recorded else None,
                )
            )
        journal = []
        for item in journal_raw[:JOURNAL_MAX_ENTRIES]:
            if not isinstance(item, list) or len(item) != 2 or not isinstance(item[1], str):
                raise IncidentError("entrée invalide")
            journal.append(
                JournalRecord(created_at=_moment(item[0]), text=item[1][:JOURNAL_MAX_LENGTH])
            )
        risk = raw.get("r", "")
        closed = raw.get("c", "")
        return IncidentRecord(
            kind=IncidentKind(str(raw.get("k"))),
            discovered_at=_moment(raw.get("d")),
            patient_data=PatientData(str(raw.get("p"))),
            steps=tuple(steps),
            journal=tuple(journal),
            complaint_reference=_text(raw, "cr", SHORT_MAX_LENGTH),
            affected_systems=_text(raw, "as", LONG_MAX_LENGTH),
            contacted=_text(raw, "co", LONG_MAX_LENGTH),
            it_provider_phone=_text(raw, "ip", 40),
            risk=Risk(str(risk)) if risk else None,
            exemption=Exemption(str(raw.get("e", Exemption.NONE.value))),
            closed_at=_moment(closed) if closed else None,
            lessons_what_happened=_text(raw, "lh", LONG_MAX_LENGTH),
            lessons_what_would_help=_text(raw, "lw", LONG_MAX_LENGTH),
        )
    except (ValueError, TypeError) as exc:  # IncidentError is a ValueError
        raise IncidentError(f"incident illisible : {exc}") from exc


def record_with_step(
    record: IncidentRecord, step_id: str, at: dt.datetime, recorded_at: dt.datetime | None = None
) -> IncidentRecord:
    """The first "Fait" counts: marking a step done again keeps its first time. `at` is when it
    was done; `recorded_at`, when it was noted, if later (see validate_done_at)."""
    if step_id in record.steps_done:
        return record
    step = StepRecord(step_id=step_id, done_at=at, recorded_at=recorded_at)
    return replace(record, steps=(*record.steps, step))


LATE_RECORD = dt.timedelta(minutes=1)


def validate_done_at(
    done_at: dt.datetime, *, discovered_at: dt.datetime, now: dt.datetime
) -> dt.datetime:
    """A step "fait à 10 h 00": not in the future, not before the discovery."""
    ensure_aware(done_at, "done_at")
    if done_at > now + FUTURE_TOLERANCE:
        raise IncidentError("Cette heure est dans le futur : indiquez l’heure où c’était fait.")
    if done_at < discovered_at:
        raise IncidentError(
            "Cette heure est avant la découverte de l’incident : vérifiez l’heure indiquée."
        )
    return done_at


def record_with_entry(record: IncidentRecord, text: str, at: dt.datetime) -> IncidentRecord:
    """Append-only: a new entry at the end; corrections are new entries."""
    cleaned = validate_journal_text(text)
    total = sum(len(entry.text) for entry in record.journal) + len(cleaned)
    if total > ANONYMOUS_JOURNAL_MAX_CHARACTERS:
        # The anonymous journal travels in every page: keep it (and each response) small.
        limit = f"{ANONYMOUS_JOURNAL_MAX_CHARACTERS:,}".replace(",", " ")
        raise IncidentError(
            f"Le journal sans compte est limité à {limit} caractères au total. Téléchargez le "
            "dossier, puis poursuivez dans l’espace de votre cabinet ou dans un document."
        )
    if len(record.journal) >= JOURNAL_MAX_ENTRIES:
        raise IncidentError(
            f"Le journal compte déjà {JOURNAL_MAX_ENTRIES} entrées : téléchargez le dossier et "
            "poursuivez dans un nouveau document."
        )
    return replace(record, journal=(*record.journal, JournalRecord(created_at=at, text=cleaned)))


CLOSED_ENTRY = "Incident clôturé (retour d’expérience rempli)."
REOPENED_ENTRY = "Incident rouvert."


def record_closed(
    record: IncidentRecord, *, what_happened: str, what_would_help: str, at: dt.datetime
) -> IncidentRecord:
    """Closed with the retour d'expérience, the closing written in the journal. Closing a
    closed record changes nothing (its retour d'expérience is not overwritten)."""
    if record.closed_at is not None:
        return record
    return replace(
        _with_entry_if_room(record, CLOSED_ENTRY, at),
        closed_at=at,
        lessons_what_happened=what_happened,
        lessons_what_would_help=what_would_help,
    )


def record_reopened(record: IncidentRecord, at: dt.datetime) -> IncidentRecord:
    if record.closed_at is None:
        return record
    return _with_entry_if_room(replace(record, closed_at=None), REOPENED_ENTRY, at)


def _with_entry_if_room(record: IncidentRecord, text: str, at: dt.datetime) -> IncidentRecord:
    """A full anonymous journal must not stop closing or reopening: the entry is then left out
    (the closing time is on the record and in the dossier anyway)."""
    try:
        return record_with_entry(record, text, at)
    except IncidentError:
        return record


def patient_data_change_text(before: PatientData, after: PatientData) -> str:
    return (
        "Réponse modifiée — des données personnelles peuvent-elles être concernées ? "
        f"« {PATIENT_DATA_LABELS[before]} » → « {PATIENT_DATA_LABELS[after]} »."
    )


def record_with_patient_data(
    record: IncidentRecord, patient_data: PatientData, at: dt.datetime
) -> IncidentRecord:
    """The personal-data answer changed, the change journaled (nothing when it is the same)."""
    if patient_data is record.patient_data:
        return record
    entry = patient_data_change_text(record.patient_data, patient_data)
    return replace(_with_entry_if_room(record, entry, at), patient_data=patient_data)


def repeats_last_entry(record: IncidentRecord, text: str) -> bool:
    """The same text as the last journal entry: from an out-of-date page, a double tap or the
    same entry sent again, which is added once."""
    return bool(record.journal) and record.journal[-1].text == text.strip()
