"""Incident mode: what happened, the two 72-hour deadlines, the journal rules, the personal-data
decision helper, and the dossier (timeline and pre-filled report texts).

Deadlines are elapsed time (72 hours after the discovery, whatever the clocks do): they are
computed in UTC and shown in Europe/Paris, so across a daylight-saving change the wall-clock
hour of the deadline differs from the discovery's (facts 2 and 3a of content-facts.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from zoneinfo import ZoneInfo

from cyberdent.domain.french import DAY_NAMES

PARIS = ZoneInfo("Europe/Paris")
LEGAL_DELAY = dt.timedelta(hours=72)
SOON = dt.timedelta(hours=12)
# A clock a little ahead, or a form filled for a few minutes: not a discovery "in the future".
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
JOURNAL_MAX_LENGTH = 5000
# The anonymous incident's whole journal, carried in a signed token in every page.
ANONYMOUS_JOURNAL_MAX_CHARACTERS = 40_000
JOURNAL_MAX_ENTRIES = 300
SHORT_MAX_LENGTH = 100
LONG_MAX_LENGTH = 2000


class IncidentError(ValueError):
    """Input that cannot be recorded; the message is the French sentence to show."""


class IncidentKind(StrEnum):
    RANSOMWARE = "ransomware"
    PHISHING = "phishing"
    DEVICE_LOST = "device_lost"
    DATA_LEAK = "data_leak"
    OTHER = "other"


KIND_LABELS: dict[IncidentKind, str] = {
    IncidentKind.RANSOMWARE: "Rançongiciel : fichiers bloqués ou demande de rançon à l'écran",
    IncidentKind.PHISHING: (
        "Un e-mail suspect a été ouvert, ou un compte (messagerie, logiciel) est piraté"
    ),
    IncidentKind.DEVICE_LOST: "Un ordinateur, un téléphone ou une clé USB perdu ou volé",
    IncidentKind.DATA_LEAK: "Une fuite de données (données envoyées ou visibles par erreur)",
    IncidentKind.OTHER: "Autre chose d'anormal",
}
KIND_SHORT: dict[IncidentKind, str] = {
    IncidentKind.RANSOMWARE: "rançongiciel",
    IncidentKind.PHISHING: "e-mail suspect ou compte piraté",
    IncidentKind.DEVICE_LOST: "appareil perdu ou volé",
    IncidentKind.DATA_LEAK: "fuite de données",
    IncidentKind.OTHER: "autre incident",
}


class PatientData(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


PATIENT_DATA_LABELS: dict[PatientData, str] = {
    PatientData.YES: "Oui",
    PatientData.NO: "Non",
    PatientData.UNKNOWN: "Je ne sais pas",
}


def patient_data_may_be_affected(patient_data: PatientData) -> bool:
    """ "Je ne sais pas" counts as "maybe": in case of doubt, the CNIL steps apply (fact 3b)."""
    return patient_data is not PatientData.NO


# --- Deadlines


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


def _aware(moment: dt.datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def legal_deadline(discovered_at: dt.datetime) -> dt.datetime:
    """72 hours of elapsed time after the discovery, in Europe/Paris."""
    _aware(discovered_at, "discovered_at")
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
    _aware(deadline, "deadline")
    _aware(now, "now")
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
    _aware(discovered_at, "discovered_at")
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


def validate_journal_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise IncidentError(
            "L'entrée du journal est vide : écrivez ce qui s'est passé ou a été fait."
        )
    if len(cleaned) > JOURNAL_MAX_LENGTH:
        raise IncidentError(
            f"L'entrée du journal est trop longue : {JOURNAL_MAX_LENGTH} caractères au maximum "
            f"({len(cleaned)} saisis). Découpez-la en plusieurs entrées."
        )
    return cleaned


def validate_text(text: str, *, label: str, limit: int) -> str:
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise IncidentError(f"{label} : {limit} caractères au maximum ({len(cleaned)} saisis).")
    return cleaned


# --- Personal data: the decision helper (facts 3a, 3b, 3c)


class Risk(StrEnum):
    UNLIKELY = "unlikely"
    POSSIBLE = "possible"
    HIGH = "high"
    UNKNOWN = "unknown"


RISK_LABELS: dict[Risk, str] = {
    Risk.UNLIKELY: "Peu probable (par exemple : un appareil chiffré perdu, rien n'a pu être lu)",
    Risk.POSSIBLE: "Possible (des données ont pu être vues, copiées ou rendues indisponibles)",
    Risk.HIGH: "Élevé (des données de santé ont pu fuiter ou être publiées)",
    Risk.UNKNOWN: "Je ne sais pas encore",
}


class Exemption(StrEnum):
    NONE = "none"
    ENCRYPTED = "encrypted"
    RISK_REMOVED = "risk_removed"
    DISPROPORTIONATE = "disproportionate"


EXEMPTION_LABELS: dict[Exemption, str] = {
    Exemption.NONE: "Aucune de ces situations",
    Exemption.ENCRYPTED: "Les données étaient chiffrées (illisibles sans la clé)",
    Exemption.RISK_REMOVED: "Des mesures prises depuis ont supprimé le risque",
    Exemption.DISPROPORTIONATE: "Prévenir chaque patient demanderait des efforts disproportionnés",
}


class PatientNotice(StrEnum):
    NOT_REQUIRED = "not_required"
    INDIVIDUAL = "individual"
    PUBLIC = "public"


@dataclass(frozen=True)
class PersonalDataDecision:
    notify_cnil: bool
    document_internally: bool
    patient_notice: PatientNotice
    sentences: tuple[str, ...]


DOUBT_SENTENCE = "En cas de doute, notifiez : la CNIL vous indiquera la marche à suivre."


def personal_data_decision(*, risk: Risk, exemption: Exemption) -> PersonalDataDecision:
    """Notify the CNIL unless the risk is unlikely; always document; inform the patients when
    the risk is high unless an exemption applies (a public notice when informing each one
    would take disproportionate effort). An unknown risk is treated as possible (doubt)."""
    notify = risk is not Risk.UNLIKELY
    sentences = []
    if notify:
        sentences.append(
            "Notifiez la CNIL au plus tard 72 heures après la découverte, avec son téléservice "
            "de notification ; vous pouvez compléter la notification plus tard."
        )
    else:
        sentences.append(
            "Si la violation ne présente probablement pas de risque pour les patients, la "
            "notification à la CNIL n'est pas obligatoire. " + DOUBT_SENTENCE
        )
    if risk is Risk.UNKNOWN:
        sentences.append(DOUBT_SENTENCE)
    sentences.append(
        "Dans tous les cas, notez la violation dans un document interne au cabinet : ce qui "
        "s'est passé, les données touchées, ce qui a été fait (le journal ci-dessous y aide)."
    )
    notice = PatientNotice.NOT_REQUIRED
    if risk is Risk.HIGH:
        if exemption is Exemption.NONE:
            notice = PatientNotice.INDIVIDUAL
            sentences.append(
                "Le risque est élevé : informez aussi chaque patient concerné, dans les meilleurs "
                "délais."
            )
        elif exemption is Exemption.DISPROPORTIONATE:
            notice = PatientNotice.PUBLIC
            sentences.append(
                "Prévenir chaque patient demanderait des efforts disproportionnés : faites "
                "à la place une information publique (par exemple un affichage au cabinet et un "
                "message sur votre site)."
            )
        else:
            sentences.append(
                "Le risque est élevé, mais "
                + (
                    "les données étaient chiffrées"
                    if exemption is Exemption.ENCRYPTED
                    else "des mesures prises depuis ont supprimé le risque"
                )
                + " : l'information individuelle des patients n'est pas exigée. Notez-le "
                "dans le document interne."
            )
    return PersonalDataDecision(
        notify_cnil=notify,
        document_internally=True,
        patient_notice=notice,
        sentences=tuple(sentences),
    )


# --- The incident record shared by the anonymous and the practice modes


# Steps of the personal-data block that can be marked done beside the référentiel's steps.
PERSONAL_DATA_STEPS: dict[str, str] = {
    "notify_cnil": "Notification de la violation de données à la CNIL",
    "document_breach": "Violation de données notée dans le document interne",
}


@dataclass(frozen=True)
class StepRecord:
    step_id: str
    done_at: dt.datetime
    by: str = ""


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


@dataclass(frozen=True)
class TimelineItem:
    at: dt.datetime
    kind: str  # "discovery", "step" or "journal"
    text: str
    author: str = ""

    @property
    def when(self) -> str:
        return format_moment(self.at)


def timeline(record: IncidentRecord, step_titles: Mapping[str, str]) -> tuple[TimelineItem, ...]:
    """The discovery, the steps done and the journal entries, in time order (ties: steps
    before entries, then the order they were recorded)."""
    items = [TimelineItem(record.discovered_at, "discovery", "Découverte de l'incident")]
    titles = {**PERSONAL_DATA_STEPS, **step_titles}
    items += [
        TimelineItem(s.done_at, "step", f"Fait : {titles.get(s.step_id, s.step_id)}", s.by)
        for s in record.steps
    ]
    items += [TimelineItem(j.created_at, "journal", j.text, j.author) for j in record.journal]
    order = {"discovery": 0, "step": 1, "journal": 2}
    indexed = list(enumerate(items))
    indexed.sort(key=lambda pair: (pair[1].at, order[pair[1].kind], pair[0]))
    return tuple(item for _, item in indexed)


def _or_blank(value: str, blank: str = "(à compléter)") -> str:
    return value.strip() or blank


def cert_sante_report(record: IncidentRecord) -> tuple[str, str]:
    """Subject and body of a report for CERT Santé (to paste in the reporting portal)."""
    who = record.practice_name or "cabinet dentaire libéral"
    subject = f"Signalement d'incident de cybersécurité — {who}"
    body = "\n".join(
        [
            "Bonjour,",
            "",
            f"Nous signalons un incident de sécurité des systèmes d'information ({who}).",
            "",
            f"Nature de l'incident : {KIND_SHORT[record.kind]}.",
            f"Découvert le : {format_moment(record.discovered_at)} (heure de Paris).",
            "Données de patients concernées : "
            + PATIENT_DATA_LABELS[record.patient_data].lower()
            + ".",
            f"Systèmes touchés : {_or_blank(record.affected_systems)}",
            f"Mesures déjà prises : {_or_blank(_steps_summary(record), 'aucune pour l’instant')}",
            f"Plainte : {_or_blank(record.complaint_reference, 'pas encore de référence')}",
            f"Personnes et organismes contactés : {_or_blank(record.contacted)}",
            "",
            "Nous souhaitons être conseillés sur la suite à donner.",
            "Contact : (nom, téléphone)",
        ]
    )
    return subject, body


def insurer_report(record: IncidentRecord) -> tuple[str, str]:
    """Subject and body of the claim notice for the insurer."""
    complaint = record.steps_done.get("file_complaint")
    subject = f"Déclaration de sinistre cyber — {record.practice_name or 'cabinet dentaire'}"
    body = "\n".join(
        [
            "Madame, Monsieur,",
            "",
            "Je vous déclare un sinistre de nature cyber.",
            "",
            "Contrat n° : (à compléter)",
            f"Nature de l'incident : {KIND_SHORT[record.kind]}.",
            f"Date et heure de découverte : {format_moment(record.discovered_at)} "
            "(heure de Paris).",
            "Plainte déposée le : "
            + (format_moment(complaint) if complaint else "(à compléter)")
            + f" — référence : {_or_blank(record.complaint_reference)}",
            f"Systèmes touchés : {_or_blank(record.affected_systems)}",
            f"Mesures déjà prises : {_or_blank(_steps_summary(record), 'aucune pour l’instant')}",
            "",
            "Je vous joins une copie de la plainte. Merci de m'indiquer la marche à suivre et si "
            "mon contrat prévoit une assistance d'urgence.",
            "",
            "Cordialement,",
            "(nom, téléphone)",
        ]
    )
    return subject, body


_STEP_SHORT: dict[str, str] = {
    "call_it_provider": "prestataire informatique contacté",
    "isolate": "postes touchés isolés du réseau",
    "file_complaint": "plainte déposée",
    "notify_insurer": "assureur prévenu",
    "report_incident": "incident signalé",
    "do_not_pay": "aucune rançon payée",
    "notify_cnil": "CNIL notifiée",
    "document_breach": "violation notée dans le document interne",
}


def _steps_summary(record: IncidentRecord) -> str:
    ordered = sorted(record.steps, key=lambda s: s.done_at)
    return ", ".join(_STEP_SHORT.get(s.step_id, s.step_id) for s in ordered)


@dataclass(frozen=True)
class Dossier:
    record: IncidentRecord
    kind_label: str
    patient_data_label: str
    deadlines: tuple[Deadline, ...]
    timeline: tuple[TimelineItem, ...]
    cert_subject: str
    cert_body: str
    insurer_subject: str
    insurer_body: str
    generated_at: dt.datetime
    decision: PersonalDataDecision | None = field(default=None)


def build_dossier(
    record: IncidentRecord, *, step_titles: Mapping[str, str], now: dt.datetime
) -> Dossier:
    cert_subject, cert_body = cert_sante_report(record)
    insurer_subject, insurer_body = insurer_report(record)
    decision = (
        personal_data_decision(risk=record.risk, exemption=record.exemption)
        if record.risk is not None and record.patient_data_may_be_affected
        else None
    )
    return Dossier(
        record=record,
        kind_label=KIND_LABELS[record.kind],
        patient_data_label=PATIENT_DATA_LABELS[record.patient_data],
        deadlines=incident_deadlines(
            discovered_at=record.discovered_at,
            patient_data=record.patient_data,
            now=now,
            steps_done=record.steps_done,
        ),
        timeline=timeline(record, step_titles),
        cert_subject=cert_subject,
        cert_body=cert_body,
        insurer_subject=insurer_subject,
        insurer_body=insurer_body,
        generated_at=now,
        decision=decision,
    )


def step_ids_in_order(protocol_step_ids: Sequence[str], patient_data: PatientData) -> list[str]:
    """Every step that can be marked done: the protocol's, then the personal-data ones."""
    ids = list(protocol_step_ids)
    if patient_data_may_be_affected(patient_data):
        ids += list(PERSONAL_DATA_STEPS)
    return ids


# --- The anonymous incident travels as a plain dict (signed by the web layer)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def record_to_dict(record: IncidentRecord) -> dict[str, object]:
    return {
        "k": record.kind.value,
        "d": _iso(record.discovered_at),
        "p": record.patient_data.value,
        "s": [[s.step_id, _iso(s.done_at)] for s in record.steps],
        "j": [[_iso(j.created_at), j.text] for j in record.journal],
        "cr": record.complaint_reference,
        "as": record.affected_systems,
        "co": record.contacted,
        "ip": record.it_provider_phone,
        "r": record.risk.value if record.risk is not None else "",
        "e": record.exemption.value,
    }


def _moment(value: object) -> dt.datetime:
    if not isinstance(value, str):
        raise IncidentError("date attendue")
    moment = dt.datetime.fromisoformat(value)
    _aware(moment, "moment")
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
            if not isinstance(item, list) or len(item) != 2 or item[0] not in allowed:
                raise IncidentError("étape invalide")
            steps.append(StepRecord(step_id=str(item[0]), done_at=_moment(item[1])))
        journal = []
        for item in journal_raw[:JOURNAL_MAX_ENTRIES]:
            if not isinstance(item, list) or len(item) != 2 or not isinstance(item[1], str):
                raise IncidentError("entrée invalide")
            journal.append(
                JournalRecord(created_at=_moment(item[0]), text=item[1][:JOURNAL_MAX_LENGTH])
            )
        risk = raw.get("r", "")
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
        )
    except (ValueError, TypeError) as exc:  # IncidentError is a ValueError
        raise IncidentError(f"incident illisible : {exc}") from exc


def record_with_step(record: IncidentRecord, step_id: str, at: dt.datetime) -> IncidentRecord:
    """The first "Fait" counts: marking a step done again keeps its first time."""
    if step_id in record.steps_done:
        return record
    return replace(record, steps=(*record.steps, StepRecord(step_id=step_id, done_at=at)))


def record_with_entry(record: IncidentRecord, text: str, at: dt.datetime) -> IncidentRecord:
    """Append-only: a new entry at the end; corrections are new entries."""
    cleaned = validate_journal_text(text)
    total = sum(len(entry.text) for entry in record.journal) + len(cleaned)
    if total > ANONYMOUS_JOURNAL_MAX_CHARACTERS:
        # The anonymous journal travels in every page: keep it (and each response) small.
        limit = f"{ANONYMOUS_JOURNAL_MAX_CHARACTERS:,}".replace(",", " ")
        raise IncidentError(
            f"Le journal sans compte est limité à {limit} caractères au total. Téléchargez le "
            "dossier, puis poursuivez dans l'espace de votre cabinet ou dans un document."
        )
    if len(record.journal) >= JOURNAL_MAX_ENTRIES:
        raise IncidentError(
            f"Le journal compte déjà {JOURNAL_MAX_ENTRIES} entrées : téléchargez le dossier et "
            "poursuivez dans un nouveau document."
        )
    return replace(record, journal=(*record.journal, JournalRecord(created_at=at, text=cleaned)))
