"""Bidi controls (Trojan Source) never get past a form: every form derives from SafeTextForm,
which removes them from everything typed before any field sees it."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.test import Client

import cyberdent
from cyberdent.accounts.forms import AccountDeleteForm
from cyberdent.actionplan.forms import ActionItemForm
from cyberdent.actionplan.models import ActionItem
from cyberdent.audit.models import AuditEvent
from cyberdent.crisis.forms import ProtocolForm
from cyberdent.domain.loader import default_referential
from cyberdent.domain.text import BIDI_CONTROLS
from cyberdent.incidents.forms import (
    AnonymousStartForm,
    CloseForm,
    DetailsForm,
    JournalForm,
)
from cyberdent.incidents.guide_store import guide_load
from cyberdent.incidents.models import Incident, JournalEntry
from cyberdent.practices.forms import (
    ConfirmNameForm,
    InvitationForm,
    PracticeCreateForm,
    PracticeSettingsForm,
)
from cyberdent.practices.models import Practice
from cyberdent.web.forms import CrisisContactsForm, SafeTextForm
from tests.conftest import Personas
from tests.crisis.helpers import FORM as CONTACTS_FORM
from tests.french import fr
from tests.incidents.helpers import act, guide_page, make_incident, start_data, start_guide

CONTROLS = sorted(BIDI_CONTROLS)
CONTROL_IDS = [f"U+{ord(c):04X}" for c in CONTROLS]
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Cabinet \u202eselil sed" shows "Cabinet des lilas"
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)

PRACTICE = {"name": "Cabinet des Lilas", "department": "34", "team_size": "3"}
SETTINGS = {**PRACTICE, "update_weekday": "1", "update_time": "12:30"}


def _action_item_form(data: dict[str, str]) -> ActionItemForm:
    item = ActionItem(status=ActionItem.Status.NOT_STARTED, note="")
    return ActionItemForm(data, item=item, members=[], today=NOW.date())


# Every form with free text: (name, build the form from data, valid data, the free-text fields).
FormCase = tuple[str, Callable[[dict[str, str]], forms.Form], dict[str, str], tuple[str, ...]]
FREE_TEXT_FORMS: list[FormCase] = [
    ("practice create", PracticeCreateForm, PRACTICE, ("name",)),
    ("practice settings", PracticeSettingsForm, SETTINGS, ("name",)),
    (
        "invitation",
        InvitationForm,
        {"email": "marie@cabinet.fr", "role": "member"},
        ("email",),
    ),
    (
        "practice delete confirmation",
        lambda data: ConfirmNameForm(data, expected="Cabinet des Lilas"),
        {"name": "Cabinet des Lilas"},
        ("name",),
    ),
    ("crisis contacts (poster)", CrisisContactsForm, CONTACTS_FORM, tuple(CONTACTS_FORM)),
    (
        "crisis contacts (practice protocol)",
        lambda data: ProtocolForm(data, can_tell_team=True),
        CONTACTS_FORM,
        tuple(CONTACTS_FORM),
    ),
    (
        "anonymous incident start",
        lambda data: AnonymousStartForm(data, now=NOW),
        {**start_data(NOW - dt.timedelta(hours=1)), "it_provider_phone": "04 67 11 22 33"},
        ("it_provider_phone",),
    ),
    ("incident journal", JournalForm, {"text": "Appel au prestataire à 9 h 10"}, ("text",)),
    (
        "incident details",
        DetailsForm,
        {
            "complaint_reference": "PV 2026/1234",
            "affected_systems": "Poste de l'accueil, serveur",
            "contacted": "Prestataire (M. Martin), gendarmerie",
        },
        ("complaint_reference", "affected_systems", "contacted"),
    ),
    (
        "incident closing",
        CloseForm,
        {"what_happened": "Rançon affichée au poste 2", "what_would_help": "Une sauvegarde"},
        ("what_happened", "what_would_help"),
    ),
    ("action note", _action_item_form, {"status": "todo", "note": "Voir avec Léa"}, ("note",)),
]
FIELD_CASES = [
    pytest.param(build, data, field, id=f"{name}: {field}")
    for name, build, data, fields in FREE_TEXT_FORMS
    for field in fields
]


def _with_controls(value: str, control: str) -> str:
    """The value with the control at the start, inside and at the end."""
    return f"{control}{value[:2]}{control}{value[2:]}{control}"


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list | tuple):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _texts(item)


def _holds_a_control(value: Any) -> bool:
    return any(BIDI_CONTROLS & set(text) for text in _texts(value))


@pytest.mark.django_db
@pytest.mark.parametrize("control", CONTROLS, ids=CONTROL_IDS)
@pytest.mark.parametrize(("build", "data", "field"), FIELD_CASES)
def test_each_control_is_removed_from_every_free_text_field(
    build: Callable[[dict[str, str]], forms.Form], data: dict[str, str], field: str, control: str
) -> None:
    if not data[field]:
        data = {**data, field: "Cabinet des Lilas"}
    clean = build(data)
    dirty = build({**data, field: _with_controls(data[field], control)})
    assert clean.is_valid(), clean.errors
    assert dirty.is_valid(), dirty.errors
    assert dirty.cleaned_data == clean.cleaned_data
    assert not _holds_a_control(dirty.cleaned_data)
    if isinstance(dirty, CrisisContactsForm):
        assert dirty.contacts == clean.contacts


def test_the_form_shown_back_after_an_error_holds_no_control() -> None:
    form = PracticeCreateForm({**PRACTICE, "name": f"Cabinet {RLO}selil sed", "department": ""})
    assert not form.is_valid()
    page = str(form)
    assert "Cabinet selil sed" in page
    assert RLO not in page


def test_a_password_is_kept_exactly_as_typed() -> None:
    password = f"mot de passe {RLO}2026"

    class User:
        def check_password(self, typed: str) -> bool:
            return typed == password

    form = AccountDeleteForm({"confirm": "on", "password": password}, user=User())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["password"] == password


def test_the_delete_confirmation_matches_a_name_saved_with_a_control() -> None:
    form = ConfirmNameForm({"name": "Cabinet des Lilas"}, expected=f"Cabinet {RLO}des Lilas")
    assert form.is_valid(), form.errors
    refused = ConfirmNameForm({"name": "Autre"}, expected=f"Cabinet {RLO}des Lilas")
    assert not refused.is_valid()
    assert fr("« Cabinet des Lilas »") in refused.errors["name"][0]


def _project_form_classes() -> set[type[forms.BaseForm]]:
    """Every form class defined in CyberDent: the forms modules and everything the URLs reach."""
    for module in pkgutil.walk_packages(cyberdent.__path__, "cyberdent."):
        if module.name.rsplit(".", 1)[-1] == "forms":
            importlib.import_module(module.name)
    importlib.import_module(settings.ROOT_URLCONF)
    found: set[type[forms.BaseForm]] = set()
    pending: list[type[forms.BaseForm]] = [forms.BaseForm]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("cyberdent."):
                found.add(sub)
    return found


def test_every_form_of_the_project_removes_the_controls() -> None:
    classes = _project_form_classes()
    assert JournalForm in classes and ProtocolForm in classes  # the discovery works
    missing = sorted(
        f"{c.__module__}.{c.__qualname__}" for c in classes if not issubclass(c, SafeTextForm)
    )
    assert missing == [], "these forms must derive from cyberdent.web.forms.SafeTextForm"


# --- End to end, through the HTTP client.


@pytest.mark.django_db
def test_a_practice_created_with_an_override_is_stored_without_it(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    response = client.post("/espace/nouveau/", {**PRACTICE, "name": f"Cabinet {RLO}selil sed"})
    assert response.status_code == 302
    practice = Practice.objects.latest("pk")
    assert practice.name == "Cabinet selil sed"
    assert not any(_holds_a_control(e.detail) for e in AuditEvent.objects.all())
    page = client.get(f"/cabinet/{practice.pk}/").content.decode()
    assert "Cabinet selil sed" in page and RLO not in page


@pytest.mark.django_db
def test_a_journal_entry_with_an_override_is_stored_without_it(personas: Personas) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = Client()
    client.force_login(personas.member_a)
    url = f"/cabinet/{incident.practice.pk}/incidents/{incident.pk}/"
    response = client.post(url + "journal/", {"text": f"Appel au {RLO}eriataterp"})
    assert response.status_code == 302
    assert JournalEntry.objects.get(incident=incident).text == "Appel au eriataterp"
    client.post(url + "informations/", {"contacted": f"M. {RLO}nitraM"})
    assert Incident.objects.get(pk=incident.pk).contacted == "M. nitraM"


@pytest.mark.django_db
def test_an_anonymous_journal_entry_with_an_override_is_carried_without_it(
    client: Client,
) -> None:
    guide_id = start_guide(client)
    response = act(client, guide_id, "journal", text=f"Écran {RLO}éuqolb")
    assert response.status_code == 302
    record = guide_load(client.session, default_referential(), guide_id)
    assert [entry.text for entry in record.journal] == ["Écran éuqolb"]
    assert RLO not in guide_page(client, guide_id)
