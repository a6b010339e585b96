"""The practice's crisis contacts and the "fiche réflexe" poster built from the protocol.

Contacts are validated here (lengths, phone numbers) so that the web form, the CLI and the
stored contacts obey one rule, with messages a dentist understands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from cyberdent.domain.errors import ContactsError
from cyberdent.domain.referential_models import Contact, Fact, Referential

PHONE_PATTERN = re.compile(r"^\+?[0-9 .\-()]{2,25}$")  # "17" (police) is a phone number too
NAME_MAX = 120
# The brochure sets "Ne pas payer de rançon" apart from the numbered steps; so does the poster.
DONT_PAY_STEP = "do_not_pay"
SHORT_MAX = 80


@dataclass(frozen=True)
class ITProvider:
    name: str = ""
    phone: str = ""
    hours: str = ""


@dataclass(frozen=True)
class Insurer:
    name: str = ""
    contract: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Police:
    name: str = ""
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Lead:
    name: str = ""
    phone: str = ""


@dataclass(frozen=True)
class CrisisContacts:
    """What the practice fills in; every field is optional."""

    practice: str = ""
    it_provider: ITProvider = field(default_factory=ITProvider)
    insurer: Insurer = field(default_factory=Insurer)
    police: Police = field(default_factory=Police)
    lead: Lead = field(default_factory=Lead)

    def as_dict(self) -> dict[str, object]:
        return {
            "practice": self.practice,
            **{
                group: {f.name: getattr(getattr(self, group), f.name) for f in fields(cls)}
                for group, cls in GROUPS.items()
            },
        }


GROUPS: dict[str, type[ITProvider | Insurer | Police | Lead]] = {
    "it_provider": ITProvider,
    "insurer": Insurer,
    "police": Police,
    "lead": Lead,
}
MAX_LENGTHS = {"name": NAME_MAX, "address": 200, "hours": SHORT_MAX, "contract": 60}
FIELD_LABELS = {
    "practice": "Nom du cabinet",
    "it_provider.name": "Prestataire informatique : nom",
    "it_provider.phone": "Prestataire informatique : téléphone",
    "it_provider.hours": "Prestataire informatique : horaires",
    "insurer.name": "Assureur : nom",
    "insurer.contract": "Assureur : numéro de contrat",
    "insurer.phone": "Assureur : téléphone sinistres",
    "police.name": "Commissariat ou gendarmerie : nom",
    "police.address": "Commissariat ou gendarmerie : adresse",
    "police.phone": "Commissariat ou gendarmerie : téléphone",
    "lead.name": "Personne qui coordonne en cas d'attaque : nom",
    "lead.phone": "Personne qui coordonne en cas d'attaque : téléphone",
}


def check_value(path: str, value: object) -> str | None:
    """The French problem with one field's value, or None when it is acceptable."""
    label = FIELD_LABELS[path]
    if not isinstance(value, str):
        return f"{label} : une valeur texte est attendue."
    text = value.strip()
    if any(ord(ch) < 32 for ch in text):
        return f"{label} : les caractères de contrôle ne sont pas acceptés."
    name = path.rsplit(".", 1)[-1]
    if name == "phone":
        digits = sum(ch.isdigit() for ch in text)
        if text and (not PHONE_PATTERN.fullmatch(text) or digits < 2):
            return (
                f"{label} : saisissez un numéro composé de chiffres "
                "(espaces, points, tirets et + acceptés), par exemple 04 67 00 00 00."
            )
        return None
    limit = MAX_LENGTHS.get(name, NAME_MAX)
    if len(text) > limit:
        return f"{label} : {limit} caractères au maximum ({len(text)} saisis)."
    return None


def parse_contacts(raw: Mapping[str, object]) -> CrisisContacts:
    """Validate a mapping shaped like the CLI file (or a form's data); raise ContactsError
    with every problem, keyed by field path (e.g. "insurer.phone")."""
    problems: dict[str, str] = {}
    for key in raw:
        if key != "practice" and key not in GROUPS:
            problems[key] = f"« {key} » : clé inconnue (attendues : practice, {', '.join(GROUPS)})."
    values: dict[str, str] = {}
    practice = raw.get("practice", "")
    if (problem := check_value("practice", practice)) is not None:
        problems["practice"] = problem
    groups: dict[str, object] = {}
    for group, cls in GROUPS.items():
        sub = raw.get(group, {}) or {}
        if not isinstance(sub, Mapping):
            problems[group] = f"« {group} » : un ensemble de champs est attendu."
            continue
        allowed = [f.name for f in fields(cls)]
        for key in sub:
            if key not in allowed:
                problems[f"{group}.{key}"] = (
                    f"« {group}.{key} » : clé inconnue (attendues : {', '.join(allowed)})."
                )
        for name in allowed:
            path = f"{group}.{name}"
            value = sub.get(name, "")
            if (problem := check_value(path, value)) is not None:
                problems[path] = problem
            elif isinstance(value, str):
                values[path] = value.strip()
        groups[group] = cls(**{n: values.get(f"{group}.{n}", "") for n in allowed})
    if problems:
        raise ContactsError(problems)
    return CrisisContacts(
        practice=str(practice).strip(),
        it_provider=groups["it_provider"],  # type: ignore[arg-type]
        insurer=groups["insurer"],  # type: ignore[arg-type]
        police=groups["police"],  # type: ignore[arg-type]
        lead=groups["lead"],  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class PosterStep:
    number: int
    step_id: str
    title: str
    lines: tuple[str, ...]
    # The practice's own contact for this step, as "label: value" lines.
    own_contacts: tuple[str, ...]


@dataclass(frozen=True)
class Poster:
    practice_name: str
    lead_line: str
    steps: tuple[PosterStep, ...]
    fixed_contacts: tuple[Contact, ...]
    sources: tuple[Fact, ...]
    dont_pay: str
    referential_id: str
    referential_version: str


def _join(*parts: str) -> str:
    return " — ".join(p for p in parts if p)


def _own_contacts(step_id: str, contacts: CrisisContacts) -> tuple[str, ...]:
    c = contacts
    lines: dict[str, list[str]] = {
        "call_it_provider": [
            _join(c.it_provider.name, c.it_provider.phone, c.it_provider.hours)
            or "Votre prestataire : (à compléter)"
        ],
        "file_complaint": [
            _join(c.police.name, c.police.address, c.police.phone)
            or "Commissariat ou gendarmerie le plus proche : (à compléter)"
        ],
        "notify_insurer": [
            _join(
                c.insurer.name,
                f"contrat n° {c.insurer.contract}" if c.insurer.contract else "",
                f"sinistres : {c.insurer.phone}" if c.insurer.phone else "",
            )
            or "Votre assureur : (à compléter)"
        ],
    }
    return tuple(lines.get(step_id, []))


def build_poster(ref: Referential, contacts: CrisisContacts) -> Poster:
    """The one-page protocol: the brochure's steps in order, filled with the practice's
    contacts, then the fixed contacts with their sources."""
    steps = tuple(
        PosterStep(
            number=i,
            step_id=step.id,
            title=step.title,
            lines=tuple(step.poster or step.how[:2]),
            own_contacts=_own_contacts(step.id, contacts),
        )
        for i, step in enumerate((s for s in ref.incident.steps if s.id != DONT_PAY_STEP), start=1)
    )
    fixed_ids = ("cert_sante", "signalement_portal", "cyber17", "cnil")
    by_id = {c.id: c for c in ref.incident.contacts}
    fixed = tuple(by_id[i] for i in fixed_ids if i in by_id)
    facts = {f.id: f for f in ref.facts}
    source_ids = sorted({fact_id for contact in fixed for fact_id in contact.facts})
    dont_pay = next((s for s in ref.incident.steps if s.id == DONT_PAY_STEP), None)
    lead = _join(contacts.lead.name, contacts.lead.phone)
    return Poster(
        practice_name=contacts.practice,
        lead_line=lead,
        steps=steps,
        fixed_contacts=fixed,
        sources=tuple(facts[i] for i in source_ids if i in facts),
        dont_pay=dont_pay.why if dont_pay else "",
        referential_id=ref.id,
        referential_version=ref.version,
    )
