"""The base of every CyberDent form, and the crisis-contacts form (the rules, lengths and phone
numbers, are the domain's)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict

from cyberdent.domain.errors import ContactsError
from cyberdent.domain.protocol import FIELD_LABELS, CrisisContacts, parse_contacts
from cyberdent.domain.text import strip_bidi_controls


def _without_bidi(value: Any) -> Any:
    if isinstance(value, str):
        return strip_bidi_controls(value)
    if isinstance(value, list | tuple):
        return [_without_bidi(item) for item in value]
    return value


def without_bidi_controls(data: Mapping[str, Any], *, keep: frozenset[str]) -> Mapping[str, Any]:
    """A copy of submitted data with the bidi controls removed from every value, except the keys
    in `keep`. A QueryDict stays a QueryDict (every value of a repeated key is cleaned)."""
    if isinstance(data, MultiValueDict):
        clean = data.copy()
        for key, values in data.lists():
            if key not in keep:
                clean.setlist(key, _without_bidi(values))
        return clean
    return {key: value if key in keep else _without_bidi(value) for key, value in data.items()}


class SafeTextForm(forms.Form):
    """The base of every CyberDent form (a test checks that none is missed).

    Bidi controls (see cyberdent.domain.text) are removed from everything submitted, silently,
    before any field sees it: the length checks, the domain's rules, what is stored and the form
    shown back after an error all work on the text without them. Passwords are left exactly as
    typed: they are compared, never displayed, and one set elsewhere must still match."""

    def full_clean(self) -> None:
        if self.is_bound:
            passwords = frozenset(
                self.add_prefix(name)
                for name, field in self.fields.items()
                if isinstance(field.widget, forms.PasswordInput)
            )
            self.data = without_bidi_controls(self.data, keep=passwords)
        super().full_clean()

    @property
    def fragment_key(self) -> tuple[Hashable, ...]:
        """What an unbound form's fields show, besides its class ({% fragment %}, skipped for a
        bound form): its prefix, the field ids' format and the initial values."""
        initial = tuple(sorted((k, str(v)) for k, v in self.initial.items()))
        return self.prefix, str(self.auto_id), initial


# Form field name ("it_provider_phone") ↔ domain path ("it_provider.phone").
FIELD_PATHS = {path.replace(".", "_"): path for path in FIELD_LABELS}
SECTIONS = (
    ("Votre cabinet", ("practice",)),
    (
        "Votre prestataire informatique",
        ("it_provider_name", "it_provider_phone", "it_provider_hours"),
    ),
    ("Votre assurance", ("insurer_name", "insurer_contract", "insurer_phone")),
    (
        "Commissariat ou gendarmerie le plus proche",
        ("police_name", "police_address", "police_phone"),
    ),
    ("Qui coordonne au cabinet en cas d’attaque", ("lead_name", "lead_phone")),
)
SHORT_LABELS = {
    "practice": "Nom du cabinet",
    "name": "Nom",
    "phone": "Téléphone",
    "hours": "Horaires",
    "contract": "Numéro de contrat",
    "address": "Adresse",
}


class CrisisContactsForm(SafeTextForm):
    """Every field optional; a generous max_length only guards the request size, the domain
    gives the precise message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, path in FIELD_PATHS.items():
            self.fields[name] = forms.CharField(
                label=SHORT_LABELS[path.rsplit(".", 1)[-1]],
                required=False,
                max_length=20000,
                strip=True,
            )
        self.contacts: CrisisContacts | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw: dict[str, Any] = {"practice": data.get("practice", "")}
        for name, path in FIELD_PATHS.items():
            if "." in path:
                group, key = path.split(".")
                raw.setdefault(group, {})[key] = data.get(name, "")
        try:
            self.contacts = parse_contacts(raw)
        except ContactsError as exc:
            for path, message in exc.problems.items():
                self.add_error(path.replace(".", "_"), message)
        return data

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]


def initial_from(contacts: CrisisContacts) -> dict[str, str]:
    """Form initial values from stored contacts."""
    initial = {"practice": contacts.practice}
    for name, path in FIELD_PATHS.items():
        if "." in path:
            group, key = path.split(".")
            initial[name] = str(getattr(getattr(contacts, group), key))
    return initial
