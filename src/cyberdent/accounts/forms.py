"""Forms of the accounts pages that allauth does not provide."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms

from cyberdent.domain.people import DISPLAY_NAME_MAX_LENGTH
from cyberdent.web.forms import SafeTextForm


class AccountDeleteForm(SafeTextForm):
    confirm = forms.BooleanField(
        label="Je confirme vouloir supprimer mon compte",
        error_messages={"required": "Cochez la case pour confirmer la suppression."},
    )
    password = forms.CharField(
        label="Mon mot de passe actuel",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Saisissez votre mot de passe pour confirmer."},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Ce mot de passe n’est pas le bon.")
        return password


class DisplayNameForm(SafeTextForm):
    display_name = forms.CharField(
        label="Nom affiché",
        required=False,
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text="Facultatif. Ce nom remplace votre adresse e-mail aux yeux de votre équipe "
        "(plan d’action, équipe, journal). Par exemple : Dr Martin, Julie (accueil).",
        error_messages={
            "max_length": f"{DISPLAY_NAME_MAX_LENGTH} caractères au maximum.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class _PlainFrenchFields:
    """One spelling (« e-mail »), and the password rules said once: the page's text states them
    in plain words, so Django's list of validators is not repeated under the field."""

    fields: dict[str, forms.Field]

    def _plain_french(self) -> None:
        for name in ("email", "login"):
            if name in self.fields:
                self.fields[name].label = "Adresse e-mail"
        for name in ("password1",):
            if name in self.fields:
                self.fields[name].help_text = ""


class SignupForm(_PlainFrenchFields, SafeTextForm, allauth_forms.SignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_french()


class LoginForm(_PlainFrenchFields, SafeTextForm, allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_french()


class ChangePasswordForm(_PlainFrenchFields, SafeTextForm, allauth_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_french()


class ResetPasswordKeyForm(_PlainFrenchFields, SafeTextForm, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_french()


class ResendConfirmationForm(SafeTextForm):
    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=320,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Saisissez votre adresse e-mail.",
            "invalid": "Saisissez une adresse e-mail complète, par exemple nom@cabinet.fr.",
        },
    )
