"""Forms of the practice space. Validation only: the writes are in services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from cyberdent.domain.departments import DEPARTMENTS, department_label
from cyberdent.domain.roles import ROLE_LABELS, Role, normalize_email
from cyberdent.domain.text import strip_bidi_controls
from cyberdent.practices.models import Practice
from cyberdent.web.forms import SafeTextForm

NAME_MAX = 120
TEAM_SIZE_MIN = 1
TEAM_SIZE_MAX = 200

ROLE_CHOICES = [(role.value, ROLE_LABELS[role]) for role in Role]
DEPARTMENT_CHOICES = [
    ("", "Choisissez un département"),
    *((code, department_label(code)) for code, _ in DEPARTMENTS),
]


def _no_control_characters(value: str) -> None:
    if any(ord(ch) < 32 for ch in value):
        raise forms.ValidationError(
            "Le nom du cabinet doit tenir sur une ligne, sans caractère spécial."
        )


def _name_field() -> forms.CharField:
    return forms.CharField(
        label="Nom du cabinet",
        max_length=NAME_MAX,
        validators=[_no_control_characters],
        help_text="Par exemple « Cabinet dentaire des Lilas ».",
        error_messages={
            "required": "Indiquez le nom du cabinet.",
            "max_length": (
                f"Le nom du cabinet doit faire au plus {NAME_MAX} caractères "
                "(vous en avez saisi %(show_value)d)."
            ),
        },
    )


def _department_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Département",
        choices=DEPARTMENT_CHOICES,
        error_messages={
            "required": "Choisissez le département du cabinet.",
            "invalid_choice": "Choisissez un département dans la liste.",
        },
    )


def _team_size_field() -> forms.IntegerField:
    bounds = f"entre {TEAM_SIZE_MIN} et {TEAM_SIZE_MAX}"
    return forms.IntegerField(
        label="Nombre de personnes dans l’équipe",
        min_value=TEAM_SIZE_MIN,
        max_value=TEAM_SIZE_MAX,
        help_text="Praticiens, assistant·es et secrétariat compris.",
        error_messages={
            "required": f"Indiquez le nombre de personnes, {bounds}.",
            "invalid": f"Indiquez un nombre entier, {bounds}.",
            "min_value": f"Indiquez un nombre de personnes {bounds}.",
            "max_value": f"Indiquez un nombre de personnes {bounds}.",
        },
    )


class PracticeCreateForm(SafeTextForm):
    name = _name_field()
    department = _department_field()
    team_size = _team_size_field()


class PracticeSettingsForm(SafeTextForm):
    name = _name_field()
    department = _department_field()
    team_size = _team_size_field()
    require_mfa = forms.BooleanField(
        label="Exiger la double authentification pour tous les membres",
        required=False,
        help_text=(
            "Chaque personne de l’équipe devra, en plus de son mot de passe, saisir un code "
            "à 6 chiffres donné par une application sur son téléphone. Un mot de passe volé "
            "ne suffit alors plus pour entrer. Ceux qui ne l’ont pas encore seront guidés pour "
            "l’activer avant d’accéder au cabinet."
        ),
    )
    update_weekday = forms.TypedChoiceField(
        label="Jour",
        choices=Practice.Weekday.choices,
        coerce=int,
        error_messages={
            "required": "Choisissez le jour de la plage de mise à jour.",
            "invalid_choice": "Choisissez un jour de la semaine dans la liste.",
        },
    )
    update_time = forms.TimeField(
        label="Heure",
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M", "%Hh"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Indiquez l’heure de la plage de mise à jour, par exemple 12:30.",
            "invalid": "Indiquez une heure au format 12:30.",
        },
    )

    @staticmethod
    def initial_for(practice: Practice) -> dict[str, Any]:
        update_time = practice.update_time
        if isinstance(update_time, str):  # the model default before a refresh
            update_time = dt.time.fromisoformat(update_time)
        return {
            "name": practice.name,
            "department": practice.department,
            "team_size": practice.team_size,
            "require_mfa": practice.require_mfa,
            "update_weekday": practice.update_weekday,
            "update_time": update_time,
        }


class InvitationForm(SafeTextForm):
    email = forms.EmailField(
        label="Adresse e-mail de la personne",
        max_length=254,
        error_messages={
            "required": "Indiquez l’adresse e-mail de la personne à inviter.",
            "invalid": "Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.",
            "max_length": "Cette adresse e-mail est trop longue.",
        },
    )
    role = forms.ChoiceField(
        label="Rôle",
        choices=ROLE_CHOICES,
        initial=Role.MEMBER.value,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez le rôle de la personne.",
            "invalid_choice": "Choisissez un des rôles proposés.",
        },
    )

    def __init__(self, *args: Any, member_emails: frozenset[str] = frozenset(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.member_emails = member_emails

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if normalize_email(email) in self.member_emails:
            raise forms.ValidationError("Cette personne fait déjà partie de l’équipe.")
        return email


class RoleChangeForm(SafeTextForm):
    role = forms.ChoiceField(
        label="Nouveau rôle",
        choices=ROLE_CHOICES,
        error_messages={
            "required": "Choisissez un rôle.",
            "invalid_choice": "Choisissez un des rôles proposés.",
        },
    )


class ConfirmNameForm(SafeTextForm):
    """Deleting a practice: the owner types its name, so a slip of the finger deletes nothing."""

    name = forms.CharField(
        label="Nom du cabinet",
        max_length=500,
        error_messages={
            "required": "Recopiez le nom du cabinet pour confirmer.",
            "max_length": (
                "Le nom saisi ne correspond pas au nom du cabinet. Rien n’a été supprimé."
            ),
        },
    )

    def __init__(self, *args: Any, expected: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A name saved before bidi controls were removed may still hold some: what is typed
        # loses them, so compare with (and show) the name without them.
        self.expected = strip_bidi_controls(expected)

    def clean_name(self) -> str:
        typed: str = self.cleaned_data["name"]
        if typed.strip() != self.expected.strip():
            raise forms.ValidationError(
                f"Le nom saisi ne correspond pas : recopiez exactement « {self.expected} ». "
                "Rien n’a été supprimé."
            )
        return typed
