"""What happened: the kinds of incident, whether patient data are affected, and the error
every incident input raises."""

from __future__ import annotations

from enum import StrEnum


class IncidentError(ValueError):
    """Input that cannot be recorded; the message is the French sentence to show."""


class IncidentKind(StrEnum):
    RANSOMWARE = "ransomware"
    PHISHING = "phishing"
    DEVICE_LOST = "device_lost"
    DATA_LEAK = "data_leak"
    OTHER = "other"


KIND_LABELS: dict[IncidentKind, str] = {
    IncidentKind.RANSOMWARE: "Rançongiciel : fichiers bloqués ou demande de rançon à l’écran",
    IncidentKind.PHISHING: (
        "Un e-mail suspect a été ouvert, ou un compte (messagerie, logiciel) est piraté"
    ),
    IncidentKind.DEVICE_LOST: "Un ordinateur, un téléphone ou une clé USB perdu ou volé",
    IncidentKind.DATA_LEAK: "Une fuite de données (données envoyées ou visibles par erreur)",
    IncidentKind.OTHER: "Autre chose d’anormal",
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


# Art. L12-10-1 C. assur. (fact 2): the complaint within 72 hours conditions the insurance
# compensation only for losses from an attack on an automated data-processing system
# (C. pén. 323-1 to 323-3-1). "Autre chose" may be one: the clock is shown, with its condition.
_ATTACK_KINDS = frozenset({IncidentKind.RANSOMWARE, IncidentKind.PHISHING, IncidentKind.OTHER})


def complaint_clock_applies(kind: IncidentKind) -> bool:
    """Whether the 72-hour complaint deadline of the insurance code applies to this kind:
    ransomware, phishing or a hacked account, and "something else" (maybe an attack); not a
    lost or stolen device, nor data sent or shown by mistake."""
    return kind in _ATTACK_KINDS
