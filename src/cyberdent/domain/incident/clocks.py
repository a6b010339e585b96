"""The two 72-hour deadlines, the time left, their statuses and wording, and the discovery
moment's checks.

Deadlines are elapsed time (72 hours after the discovery, whatever the clocks do): they are
computed in UTC and shown in Europe/Paris, so across a daylight-saving change the wall-clock
hour of the deadline differs from the discovery's (facts 2 and 3a of content-facts.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from cyberdent.domain.french import DAY_NAMES
from cyberdent.domain.incident.kinds import IncidentError, PatientData, patient_data_may_be_affected

PARIS = ZoneInfo("Europe/Paris")
LEGAL_DELAY = dt.timedelta(hours=72)
SOON = dt.timedelta(hours=12)
# A clock a little ahead, or a form filled for a few minutes: not a discovery "in the future".
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


class DeadlineKind(StrEnum):
    COMPLAINT = "complaint"
    CNIL = "cnil"


class DeadlineStatus(StrEnum):
    OK = "ok"
    SOON = "soon"
    OVERDUE = "overdue"
    MET = "met"  # the step was done in time
    LATE = "late"  # the step was done, after the deadline


DEADLINE_TITLES: dict[DeadlineKind, str] = {
    DeadlineKind.COMPLAINT: "Dépôt de plainte (condition pour être indemnisé par l'assurance)",
    DeadlineKind.CNIL: "Notification à la CNIL (données de patients)",
}
# The step whose "Fait" meets each deadline.
DEADLINE_STEPS: dict[DeadlineKind, str] = {
    DeadlineKind.COMPLAINT: "file_complaint",
    DeadlineKind.CNIL: "notify_cnil",
}
OVERDUE_ADVICE: dict[DeadlineKind, str] = {
    DeadlineKind.COMPLAINT: (
        "Le délai de 72 heures est dépassé. Déposez plainte quand même, dès que possible, et "
        "prévenez votre assureur en lui indiquant la date de découverte et celle de la plainte."
    ),
    DeadlineKind.CNIL: (
        "Le délai de 72 heures est dépassé. Notifiez la CNIL quand même, dès que possible, et "
        "expliquez dans la notification les raisons du retard."
    ),
}
STATUS_LABELS: dict[DeadlineStatus, str] = {
    DeadlineStatus.OK: "Dans les temps",
    DeadlineStatus.SOON: "Moins de 12 heures restantes",
    DeadlineStatus.OVERDUE: "Délai dépassé",
    DeadlineStatus.MET: "Fait dans le délai",
    DeadlineStatus.LATE: "Fait après le délai",
}


def ensure_aware(moment: dt.datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def legal_deadline(discovered_at: dt.datetime) -> dt.datetime:
    """72 hours of elapsed time after the discovery, in Europe/Paris."""
    ensure_aware(discovered_at, "discovered_at")
    return (discovered_at.astimezone(dt.UTC) + LEGAL_DELAY).astimezone(PARIS)


def complaint_deadline(discovered_at: dt.datetime) -> dt.datetime:
    """Art. L12-10-1 C. assur.: the complaint within 72 h of the knowledge of the attack."""
    return legal_deadline(discovered_at)


def cnil_deadline(discovered_at: dt.datetime, patient_data: PatientData) -> dt.datetime | None:
    """GDPR art. 33: at the latest 72 h after the discovery, when patient data may be
    affected (yes or unknown); None when they are not."""
    if not patient_data_may_be_affected(patient_data):
        return None
    return legal_deadline(discovered_at)


def time_left(deadline: dt.datetime, now: dt.datetime) -> dt.timedelta:
    """Negative once the deadline has passed."""
    ensure_aware(deadline, "deadline")
    ensure_aware(now, "now")
    return deadline - now


def deadline_status(
    deadline: dt.datetime, now: dt.datetime, done_at: dt.datetime | None = None
) -> DeadlineStatus:
    if done_at is not None:
        return DeadlineStatus.MET if done_at <= deadline else DeadlineStatus.LATE
    left = time_left(deadline, now)
    if left <= dt.timedelta(0):
        return DeadlineStatus.OVERDUE
    if left < SOON:
        return DeadlineStatus.SOON
    return DeadlineStatus.OK


def format_duration(delta: dt.timedelta) -> str:
    """ "2 jours 5 h 07 min" — whole minutes, rounded down; a negative delta as its size."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} jour{'s' if days > 1 else ''}")
    if days or hours:
        parts.append(f"{hours} h")
    parts.append(f"{mins:02d} min" if (days or hours) else f"{mins} min")
    return " ".join(parts)


def format_moment(moment: dt.datetime) -> str:
    """ "samedi 28/03/2026 à 22 h 00" in Europe/Paris."""
    local = moment.astimezone(PARIS)
    return f"{DAY_NAMES[local.weekday()]} {local:%d/%m/%Y} à {local:%H} h {local:%M}"


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    title: str
    due_at: dt.datetime
    status: DeadlineStatus
    left: dt.timedelta
    done_at: dt.datetime | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def sentence(self) -> str:
        """What the page says about this deadline, in one plain sentence."""
        due = format_moment(self.due_at)
        if self.status is DeadlineStatus.MET:
            return (
                f"Fait le {format_moment(self.done_at or self.due_at)}, avant l'échéance ({due})."
            )
        if self.status is DeadlineStatus.LATE:
            return (
                f"Fait le {format_moment(self.done_at or self.due_at)}, après l'échéance ({due})."
            )
        if self.status is DeadlineStatus.OVERDUE:
            return (
                f"Échéance dépassée depuis {format_duration(self.left)} ({due}). "
                + OVERDUE_ADVICE[self.kind]
            )
        return f"Il reste {format_duration(self.left)} : au plus tard le {due}."

    @property
    def overdue(self) -> bool:
        return self.status is DeadlineStatus.OVERDUE


def incident_deadlines(
    *,
    discovered_at: dt.datetime,
    patient_data: PatientData,
    now: dt.datetime,
    steps_done: Mapping[str, dt.datetime] | None = None,
) -> tuple[Deadline, ...]:
    """The complaint deadline, then the CNIL one when patient data may be affected."""
    done = steps_done or {}
    dues: list[tuple[DeadlineKind, dt.datetime]] = [
        (DeadlineKind.COMPLAINT, complaint_deadline(discovered_at))
    ]
    cnil = cnil_deadline(discovered_at, patient_data)
    if cnil is not None:
        dues.append((DeadlineKind.CNIL, cnil))
    result = []
    for kind, due in dues:
        done_at = done.get(DEADLINE_STEPS[kind])
        result.append(
            Deadline(
                kind=kind,
                title=DEADLINE_TITLES[kind],
                due_at=due,
                status=deadline_status(due, now, done_at),
                left=time_left(due, now),
                done_at=done_at,
            )
        )
    return tuple(result)


# --- Validation


def validate_discovery(discovered_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """The discovery moment, refused when it lies in the future."""
    ensure_aware(discovered_at, "discovered_at")
    if discovered_at - now > FUTURE_TOLERANCE:
        raise IncidentError(
            "La date et l'heure de découverte sont dans le futur : indiquez quand vous avez "
            "découvert l'incident (aujourd'hui ou avant)."
        )
    if now - discovered_at > dt.timedelta(days=365 * 5):
        raise IncidentError(
            "Cette date de découverte remonte à plus de 5 ans : vérifiez l'année saisie."
        )
    return discovered_at
