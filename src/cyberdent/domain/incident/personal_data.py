"""Personal data: the decision helper (facts 3a, 3b, 3c) and the steps it adds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from cyberdent.domain.incident.kinds import PatientData, patient_data_may_be_affected


class Risk(StrEnum):
    UNLIKELY = "unlikely"
    POSSIBLE = "possible"
    HIGH = "high"
    UNKNOWN = "unknown"


RISK_LABELS: dict[Risk, str] = {
    Risk.UNLIKELY: "Peu probable (par exemple : un appareil chiffré perdu, rien n’a pu être lu)",
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


DOUBT_SENTENCE = "En cas de doute, notifiez : la CNIL vous indiquera la marche à suivre."


def personal_data_decision(*, risk: Risk, exemption: Exemption) -> PersonalDataDecision:
    """Notify the CNIL unless the risk is unlikely; always document; inform the patients when
    the risk is high unless an exemption applies (a public notice when informing each one
    would take disproportionate effort). An unknown risk is treated as possible (doubt)."""
    notify = risk is not Risk.UNLIKELY
    sentences = []
    if notify:
        sentences.append(
            "Notifiez la CNIL au plus tard 72 heures après la découverte, avec son téléservice "
            "de notification ; vous pouvez compléter la notification plus tard."
        )
    else:
        sentences.append(
            "Si la violation ne présente probablement pas de risque pour les patients, la "
            "notification à la CNIL n’est pas obligatoire. " + DOUBT_SENTENCE
        )
    if risk is Risk.UNKNOWN:
        sentences.append(DOUBT_SENTENCE)
    sentences.append(
        "Dans tous les cas, notez la violation dans un document interne au cabinet : ce qui "
        "s’est passé, les données touchées, ce qui a été fait (le journal ci-dessous y aide)."
    )
    notice = PatientNotice.NOT_REQUIRED
    if risk is Risk.HIGH:
        if exemption is Exemption.NONE:
            notice = PatientNotice.INDIVIDUAL
            sentences.append(
                "Le risque est élevé : informez aussi chaque patient concerné, dans les meilleurs "
                "délais."
            )
        elif exemption is Exemption.DISPROPORTIONATE:
            notice = PatientNotice.PUBLIC
            sentences.append(
                "Prévenir chaque patient demanderait des efforts disproportionnés : faites "
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
                + " : l’information individuelle des patients n’est pas exigée. Notez-le "
                "dans le document interne."
            )
    return PersonalDataDecision(
        notify_cnil=notify,
        document_internally=True,
        patient_notice=notice,
        sentences=tuple(sentences),
    )


# Steps of the personal-data block that can be marked done beside the référentiel's steps.
PERSONAL_DATA_STEPS: dict[str, str] = {
    "notify_cnil": "Notification de la violation de données à la CNIL",
    "document_breach": "Violation de données notée dans le document interne",
}


def step_ids_in_order(protocol_step_ids: Sequence[str], patient_data: PatientData) -> list[str]:
    """Every step that can be marked done: the protocol's, then the personal-data ones."""
    ids = list(protocol_step_ids)
    if patient_data_may_be_affected(patient_data):
        ids += list(PERSONAL_DATA_STEPS)
    return ids
