"""The incident dossier: the timeline and the pre-filled texts for CERT Santé and the
insurer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from cyberdent.domain.incident.clocks import Deadline, format_moment, incident_deadlines
from cyberdent.domain.incident.kinds import KIND_LABELS, KIND_SHORT, PATIENT_DATA_LABELS
from cyberdent.domain.incident.personal_data import (
    PERSONAL_DATA_STEPS,
    PersonalDataDecision,
    personal_data_decision,
)
from cyberdent.domain.incident.records import IncidentRecord, StepRecord


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
    items = [TimelineItem(record.discovered_at, "discovery", "Découverte de l’incident")]
    titles = {**PERSONAL_DATA_STEPS, **step_titles}
    items += [TimelineItem(s.done_at, "step", _step_label(s, titles), s.by) for s in record.steps]
    items += [TimelineItem(j.created_at, "journal", j.text, j.author) for j in record.journal]
    order = {"discovery": 0, "step": 1, "journal": 2}
    indexed = list(enumerate(items))
    indexed.sort(key=lambda pair: (pair[1].at, order[pair[1].kind], pair[0]))
    return tuple(item for _, item in indexed)


def _step_label(step: StepRecord, titles: Mapping[str, str]) -> str:
    label = f"Fait : {titles.get(step.step_id, step.step_id)}"
    if step.recorded_later and step.recorded_at is not None:
        label += f" (noté le {format_moment(step.recorded_at)})"
    return label


def _or_blank(value: str, blank: str = "(à compléter)") -> str:
    return value.strip() or blank


def cert_sante_report(record: IncidentRecord) -> tuple[str, str]:
    """Subject and body of a report for CERT Santé (to paste in the reporting portal)."""
    who = record.practice_name or "cabinet dentaire libéral"
    subject = f"Signalement d’incident de cybersécurité — {who}"
    body = "\n".join(
        [
            "Bonjour,",
            "",
            f"Nous signalons un incident de sécurité des systèmes d’information ({who}).",
            "",
            f"Nature de l’incident : {KIND_SHORT[record.kind]}.",
            f"Découvert le : {format_moment(record.discovered_at)} (heure de Paris).",
            "Données de patients concernées : "
            + PATIENT_DATA_LABELS[record.patient_data].lower()
            + ".",
            f"Systèmes touchés : {_or_blank(record.affected_systems)}",
            f"Mesures déjà prises : {_or_blank(_steps_summary(record), 'aucune pour l’instant')}",
            f"Plainte : {_or_blank(record.complaint_reference, 'pas encore de référence')}",
            f"Personnes et organismes contactés : {_or_blank(record.contacted)}",
            "",
            "Nous souhaitons être conseillés sur la suite à donner.",
            "Contact : (nom, téléphone)",
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
            "Contrat n° : (à compléter)",
            f"Nature de l’incident : {KIND_SHORT[record.kind]}.",
            f"Date et heure de découverte : {format_moment(record.discovered_at)} "
            "(heure de Paris).",
            "Plainte déposée le : "
            + (format_moment(complaint) if complaint else "(à compléter)")
            + f" — référence : {_or_blank(record.complaint_reference)}",
            f"Systèmes touchés : {_or_blank(record.affected_systems)}",
            f"Mesures déjà prises : {_or_blank(_steps_summary(record), 'aucune pour l’instant')}",
            "",
            "Je vous joins une copie de la plainte. Merci de m’indiquer la marche à suivre et si "
            "mon contrat prévoit une assistance d’urgence.",
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
            kind=record.kind,
            discovered_at=record.discovered_at,
            patient_data=record.patient_data,
            now=now,
            steps_done=record.steps_done,
            decision=decision,
        ),
        timeline=timeline(record, step_titles),
        cert_subject=cert_subject,
        cert_body=cert_body,
        insurer_subject=insurer_subject,
        insurer_body=insurer_body,
        generated_at=now,
        decision=decision,
    )
