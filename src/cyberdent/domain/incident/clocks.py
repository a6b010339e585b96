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

from cyberdent.domain.french import DAY_NAMES
from cyberdent.domain.incident.daylight import PARIS, clock_change_sentence
from cyberdent.domain.incident.kinds import (
    IncidentError,
    IncidentKind,
    PatientData,
    complaint_clock_applies,
    patient_data_may_be_affected,
)
from cyberdent.domain.incident.personal_data import PersonalDataDecision

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
    # No 72-hour clock: the complaint rule does not cover this kind of incident, or the
    # personal-data decision concluded that the CNIL need not be notified.
    NOT_REQUIRED = "not_required"


DEADLINE_TITLES: dict[DeadlineKind, str] = {
    DeadlineKind.COMPLAINT: "Dépôt de plainte (condition pour être indemnisé par l’assurance)",
    DeadlineKind.CNIL: "Notification à la CNIL (données personnelles)",
}
# The step whose "Fait" meets each deadline.
# "Autre chose" may or may not be an attack: the complaint clock is shown with its condition.
COMPLAINT_TITLE_IF_ATTACK = (
    "Dépôt de plainte, si c’est une attaque informatique (condition pour être indemnisé par "
    "l’assurance)"
)
COMPLAINT_TITLE_WITHOUT_CLOCK = "Dépôt de plainte"
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
    DeadlineStatus.NOT_REQUIRED: "Pas de délai de 72 heures",
}
NOT_REQUIRED_LABELS: dict[DeadlineKind, str] = {
    DeadlineKind.COMPLAINT: "Pas de délai de 72 heures pour ce type d’incident",
    DeadlineKind.CNIL: "Non obligatoire d’après vos réponses",
}
CNIL_NOT_REQUIRED = (
    "Non obligatoire d’après vos réponses ; documentez la violation en interne (le journal "
    "ci-dessous y aide)."
)
_NO_CLOCK_START = (
    "Le délai de 72 heures du code des assurances ne vaut que pour les attaques informatiques "
    "(piratage, rançongiciel) : il ne s’applique pas "
)
_CHECK_CONTRACT = (
    "Vérifiez aussi dans votre contrat d’assurance les conditions et le délai pour déclarer "
    "le sinistre."
)
# What the complaint card says instead of a countdown, for the kinds without the clock.
COMPLAINT_ADVICE_WITHOUT_CLOCK: dict[IncidentKind, str] = {
    IncidentKind.DEVICE_LOST: (
        _NO_CLOCK_START + "à un appareil perdu ou volé. En cas de vol, une plainte est "
        "recommandée : déposez-la dès que possible au commissariat ou à la gendarmerie. "
        + _CHECK_CONTRACT
    ),
    IncidentKind.DATA_LEAK: (
        _NO_CLOCK_START + "à des données envoyées ou rendues visibles par erreur. Si quelqu’un "
        "a volé ou détourné ces données, une plainte reste recommandée. " + _CHECK_CONTRACT
    ),
}
_NO_CLOCK_FALLBACK = _NO_CLOCK_START + "à ce type d’incident. " + _CHECK_CONTRACT


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
    """Negative once the deadline has passed. Elapsed time: through UTC, since Python subtracts
    two times of the same zone as wall clocks (an hour off across a clock change)."""
    ensure_aware(deadline, "deadline")
    ensure_aware(now, "now")
    return deadline.astimezone(dt.UTC) - now.astimezone(dt.UTC)


def deadline_status(
    deadline: dt.datetime, now: dt.datetime, done_at: dt.datetime | None = None
) -> DeadlineStatus:
    if done_at is not None:
        in_time = done_at.astimezone(dt.UTC) <= deadline.astimezone(dt.UTC)
        return DeadlineStatus.MET if in_time else DeadlineStatus.LATE
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
    # Why the deadline's hour differs from the discovery's (a clock change in the 72 hours).
    clock_note: str | None = None
    # What the card says when there is no clock (status NOT_REQUIRED).
    advice: str = ""

    @property
    def status_label(self) -> str:
        if self.status is DeadlineStatus.NOT_REQUIRED:
            return NOT_REQUIRED_LABELS[self.kind]
        return STATUS_LABELS[self.status]

    @property
    def counting(self) -> bool:
        """A live clock: counting down (OK, SOON) or the time since the deadline (OVERDUE)."""
        return self.status in {DeadlineStatus.OK, DeadlineStatus.SOON, DeadlineStatus.OVERDUE}

    @property
    def due_utc_iso(self) -> str:
        """The deadline for the page's script (time-left.js): ISO 8601, UTC."""
        return self.due_at.astimezone(dt.UTC).isoformat()

    @property
    def sentence_parts(self) -> tuple[str, str, str]:
        """The sentence as (before, duration, after): the page's script updates the duration
        alone. The duration is empty when the card has no clock."""
        due = format_moment(self.due_at)
        done = format_moment(self.done_at) if self.done_at is not None else ""
        if self.status is DeadlineStatus.NOT_REQUIRED:
            text = self.advice if not done else f"Fait le {done}. {self.advice}"
            return text.strip(), "", ""
        if self.status is DeadlineStatus.MET:
            return f"Fait le {done}, avant l’échéance ({due}).", "", ""
        if self.status is DeadlineStatus.LATE:
            return f"Fait le {done}, après l’échéance ({due}).", "", ""
        if self.status is DeadlineStatus.OVERDUE:
            return (
                "Échéance dépassée depuis ",
                format_duration(self.left),
                f" ({due}). " + OVERDUE_ADVICE[self.kind],
            )
        return "Il reste ", format_duration(self.left), f" : au plus tard le {due}."

    @property
    def sentence(self) -> str:
        """What the page says about this deadline, in one plain sentence."""
        return "".join(self.sentence_parts)

    @property
    def overdue(self) -> bool:
        return self.status is DeadlineStatus.OVERDUE


def _cnil_required(decision: PersonalDataDecision | None) -> bool:
    """Until the decision helper says otherwise, the CNIL deadline counts (in case of doubt)."""
    return decision is None or decision.notify_cnil


def incident_deadlines(
    *,
    kind: IncidentKind,
    discovered_at: dt.datetime,
    patient_data: PatientData,
    now: dt.datetime,
    steps_done: Mapping[str, dt.datetime] | None = None,
    decision: PersonalDataDecision | None = None,
) -> tuple[Deadline, ...]:
    """The complaint deadline, then the CNIL one when patient data may be affected.

    Either has no clock (NOT_REQUIRED) when it does not apply: the complaint for the kinds
    the insurance code's rule does not cover, the CNIL notification when the personal-data
    decision concluded it is not required."""
    done = steps_done or {}
    cards: list[tuple[DeadlineKind, dt.datetime, str, str]] = []
    if complaint_clock_applies(kind):
        title = (
            COMPLAINT_TITLE_IF_ATTACK
            if kind is IncidentKind.OTHER
            else DEADLINE_TITLES[DeadlineKind.COMPLAINT]
        )
        cards.append((DeadlineKind.COMPLAINT, complaint_deadline(discovered_at), title, ""))
    else:
        advice = COMPLAINT_ADVICE_WITHOUT_CLOCK.get(kind, _NO_CLOCK_FALLBACK)
        cards.append(
            (
                DeadlineKind.COMPLAINT,
                complaint_deadline(discovered_at),
                COMPLAINT_TITLE_WITHOUT_CLOCK,
                advice,
            )
        )
    cnil = cnil_deadline(discovered_at, patient_data)
    if cnil is not None:
        advice = "" if _cnil_required(decision) else CNIL_NOT_REQUIRED
        cards.append((DeadlineKind.CNIL, cnil, DEADLINE_TITLES[DeadlineKind.CNIL], advice))
    result = []
    for deadline_kind, due, title, advice in cards:
        done_at = done.get(DEADLINE_STEPS[deadline_kind])
        status = DeadlineStatus.NOT_REQUIRED if advice else deadline_status(due, now, done_at)
        result.append(
            Deadline(
                kind=deadline_kind,
                title=title,
                due_at=due,
                status=status,
                left=time_left(due, now),
                done_at=done_at,
                clock_note=(
                    None
                    if status is DeadlineStatus.NOT_REQUIRED
                    else clock_change_sentence(discovered_at, due)
                ),
                advice=advice,
            )
        )
    return tuple(result)


# --- Validation


def validate_discovery(discovered_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """The discovery moment, refused when it lies in the future."""
    ensure_aware(discovered_at, "discovered_at")
    discovered_utc, now_utc = discovered_at.astimezone(dt.UTC), now.astimezone(dt.UTC)
    if discovered_utc - now_utc > FUTURE_TOLERANCE:
        raise IncidentError(
            "La date et l’heure de découverte sont dans le futur : indiquez quand vous avez "
            "découvert l’incident (aujourd’hui ou avant)."
        )
    if now_utc - discovered_utc > dt.timedelta(days=365 * 5):
        raise IncidentError(
            "Cette date de découverte remonte à plus de 5 ans : vérifiez l’année saisie."
        )
    return discovered_at
