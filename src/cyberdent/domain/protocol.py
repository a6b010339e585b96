"""The practice's crisis contacts and the "fiche réflexe" poster built from the protocol.

Contacts are validated here (lengths, phone numbers) so that the web form, the CLI and the
stored contacts obey one rule, with messages a dentist understands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from cyberdent.domain.errors import ContactsError
from cyberdent.domain.referential_models import Contact, Fact, ProtocolStep, Referential

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
    "it_provider.name": "Prestataire informatique : nom",
    "it_provider.phone": "Prestataire informatique : téléphone",
    "it_provider.hours": "Prestataire informatique : horaires",
    "insurer.name": "Assureur : nom",
    "insurer.contract": "Assureur : numéro de contrat",
    "insurer.phone": "Assureur : téléphone sinistres",
    "police.name": "Commissariat ou gendarmerie : nom",
    "police.address": "Commissariat ou gendarmerie : adresse",
    "police.phone": "Commissariat ou gendarmerie : téléphone",
    "lead.name": "Personne qui coordonne en cas d’attaque : nom",
    "lead.phone": "Personne qui coordonne en cas d’attaque : téléphone",
}


def check_value(path: str, value: object) -> str | None:
    """The French problem with one field's value, or None when it is acceptable."""
    label = FIELD_LABELS[path]
    if not isinstance(value, str):
        return f"{label} : une valeur texte est attendue."
    text = value.strip()
    if any(ord(ch) < 32 for ch in text):
        return f"{label} : les caractères de contrôle ne sont pas acceptés."
    name = path.rsplit(".", 1)[-1]
    if name == "phone":
        digits = sum(ch.isdigit() for ch in text)
        if text and (not PHONE_PATTERN.fullmatch(text) or digits < 2):
            return (
                f"{label} : saisissez un numéro composé de chiffres "
                "(espaces, points, tirets et + acceptés), par exemple 04 67 00 00 00."
            )
        return None
    limit = MAX_LENGTHS.get(name, NAME_MAX)
    if len(text) > limit:
        return f"{label} : {limit} caractères au maximum ({len(text)} saisis)."
    return None


def parse_contacts(raw: Mapping[str, object]) -> CrisisContacts:
    """Validate a mapping shaped like the CLI file (or a form's data); raise ContactsError
    with every problem, keyed by field path (e.g. "insurer.phone")."""
    problems: dict[str, str] = {}
    for key in raw:
        if key != "practice" and key not in GROUPS:
            problems[key] = f"« {key} » : clé inconnue (attendues : practice, {', '.join(GROUPS)})."
    values: dict[str, str] = {}
    practice = raw.get("practice", "")
    if (problem := check_value("practice", practice)) is not None:
        problems["practice"] = problem
    groups: dict[str, object] = {}
    for group, cls in GROUPS.items():
        sub = raw.get(group, {}) or {}
        if not isinstance(sub, Mapping):
            problems[group] = f"« {group} » : un ensemble de champs est attendu."
            continue
        allowed = [f.name for f in fields(cls)]
        for key in sub:
            if key not in allowed:
                problems[f"{group}.{key}"] = (
                    f"« {group}.{key} » : clé inconnue (attendues : {', '.join(allowed)})."
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
class PosterContact:
    """A practice's contact on the poster: who, the number to dial (printed large), details."""

    name: str
    phone: str = ""
    details: str = ""
    # Said before the number, e.g. "sinistres" for the insurer's claims line.
    phone_label: str = ""

    @property
    def line(self) -> str:
        phone = f"{self.phone_label} : {self.phone}" if self.phone_label else self.phone
        return _join(self.name, self.details, phone if self.phone else "")


@dataclass(frozen=True)
class PosterGesture:
    """One of the « Tout de suite » gestures at the top of the poster: a few words in bold (the
    verb), the practice's contact to call if any, the rest of the sentence, what to do when
    the contact is missing or does not answer."""

    lead: str
    text: str = ""
    contact: PosterContact | None = None
    fallback: str = ""


@dataclass(frozen=True)
class PosterStep:
    number: int
    step_id: str
    title: str
    lines: tuple[str, ...]
    # The practice's own contact for this step.
    own_contacts: tuple[PosterContact, ...]


@dataclass(frozen=True)
class Poster:
    practice_name: str
    lead: PosterContact | None
    right_now: tuple[PosterGesture, ...]
    steps: tuple[PosterStep, ...]
    fixed_contacts: tuple[Contact, ...]
    sources: tuple[Fact, ...]
    dont_pay: str
    referential_id: str
    referential_version: str
    # The brochure the référentiel follows, and its publisher's web site.
    source_title: str = ""
    source_url: str = ""


def _join(*parts: str) -> str:
    return " — ".join(p for p in parts if p)


TO_COMPLETE = "(à compléter)"


def _own_contacts(step_id: str, contacts: CrisisContacts) -> tuple[PosterContact, ...]:
    c = contacts
    police, insurer = c.police, c.insurer
    # The IT provider is in the « Tout de suite » gestures, at the top: not twice.
    lines: dict[str, PosterContact] = {
        "file_complaint": PosterContact(police.name, police.phone, police.address)
        if police.name or police.phone or police.address
        else PosterContact(f"Commissariat ou gendarmerie le plus proche : {TO_COMPLETE}"),
        "notify_insurer": PosterContact(
            insurer.name,
            insurer.phone,
            f"contrat n°\u00a0{insurer.contract}" if insurer.contract else "",
            phone_label="sinistres",
        )
        if insurer.name or insurer.phone or insurer.contract
        else PosterContact(f"Votre assureur : {TO_COMPLETE}"),
    }
    return (lines[step_id],) if step_id in lines else ()


def _phone_contacts(step: ProtocolStep, ref: Referential) -> tuple[PosterContact, ...]:
    """The référentiel's contacts of a step that have a phone number (CERT Santé), printed
    under the step with their number."""
    by_id = {c.id: c for c in ref.incident.contacts}
    return tuple(
        PosterContact(by_id[i].name, by_id[i].phone, by_id[i].hours)
        for i in step.contacts
        if i in by_id and by_id[i].phone
    )


def _web_address(url: str) -> str:
    """ "https://17cyber.gouv.fr" as people type it: 17cyber.gouv.fr."""
    return url.removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")


def right_now_gestures(ref: Referential, contacts: CrisisContacts) -> tuple[PosterGesture, ...]:
    """What to do in the first minutes, before the steps: cut the network without switching
    off, call the IT provider (17Cyber when there is none or it does not answer), neither pay
    nor answer. From the référentiel's « Tout de suite » when it has one."""
    it = contacts.it_provider
    provider = (
        PosterContact(it.name, it.phone, it.hours)
        if it.name or it.phone or it.hours
        else PosterContact(TO_COMPLETE)
    )
    by_id = {c.id: c for c in ref.incident.contacts}
    box = ref.incident.right_now
    if box is not None:
        fallback_contact = by_id.get(box.fallback_contact)
        where = _web_address(fallback_contact.url) if fallback_contact else ""
        # The référentiel may say it another way when the practice has a provider (a field
        # being added to the référentiel while this is written: read it when it is there).
        when_known: str = getattr(box, "fallback_when_known", "")
        known = bool(it.name or it.phone)
        return (
            PosterGesture(box.isolate.lead, box.isolate.text),
            PosterGesture(
                box.alert.lead,
                box.alert.text,
                contact=provider,
                fallback=" ".join(
                    p
                    for p in (
                        when_known if known and when_known else box.fallback,
                        where,
                        box.fallback_text,
                    )
                    if p
                ),
            ),
            PosterGesture(box.do_not_pay.lead, box.do_not_pay.text),
        )
    # A référentiel without the box: the same gestures, from its steps "isolate",
    # "call_it_provider" and "do_not_pay" (and content-facts 5a for 17Cyber).
    cyber17 = by_id.get("cyber17")
    help_line = (
        f"{cyber17.name} : {_web_address(cyber17.url)}"
        + (f" ({cyber17.hours})" if cyber17.hours else "")
        if cyber17 and cyber17.url
        else ""
    )
    return (
        PosterGesture(
            "Débranchez du réseau",
            "les postes touchés : câble réseau débranché, Wi-Fi coupé (mode avion). "
            "Ne les éteignez pas.",
        ),
        PosterGesture(
            "Appelez votre prestataire informatique",
            contact=provider,
            fallback=f"Sans prestataire, ou s’il ne répond pas : {help_line}" if help_line else "",
        ),
        PosterGesture("Ne payez pas", "et ne répondez pas aux pirates."),
    )


def build_poster(ref: Referential, contacts: CrisisContacts) -> Poster:
    """The one-page protocol: the first gestures, the brochure's steps in order, filled with the
    practice's contacts, then the fixed contacts with their sources."""
    steps = tuple(
        PosterStep(
            number=i,
            step_id=step.id,
            title=step.title,
            lines=tuple(step.poster or step.how[:2]),
            own_contacts=_own_contacts(step.id, contacts) + _phone_contacts(step, ref),
        )
        for i, step in enumerate((s for s in ref.incident.steps if s.id != DONT_PAY_STEP), start=1)
    )
    fixed_ids = ("cert_sante", "signalement_portal", "cyber17", "cnil")
    by_id = {c.id: c for c in ref.incident.contacts}
    fixed = tuple(by_id[i] for i in fixed_ids if i in by_id)
    facts = {f.id: f for f in ref.facts}
    source_ids = sorted({fact_id for contact in fixed for fact_id in contact.facts})
    dont_pay = next((s for s in ref.incident.steps if s.id == DONT_PAY_STEP), None)
    lead = contacts.lead
    return Poster(
        practice_name=contacts.practice,
        lead=PosterContact(lead.name, lead.phone) if lead.name or lead.phone else None,
        right_now=right_now_gestures(ref, contacts),
        steps=steps,
        fixed_contacts=fixed,
        sources=tuple(facts[i] for i in source_ids if i in facts),
        dont_pay=dont_pay.why if dont_pay else "",
        referential_id=ref.id,
        referential_version=ref.version,
        source_title=ref.source.title,
        source_url=ref.source.publisher.website,
    )
