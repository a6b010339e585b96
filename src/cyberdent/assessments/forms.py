"""Forms of the saved diagnostics: choosing two diagnostics to compare, choosing a practice."""

from __future__ import annotations

from typing import Any

from django import forms

from cyberdent.web.converters import MAX_ID
from cyberdent.web.forms import SafeTextForm


class CompareForm(SafeTextForm):
    """Two diagnostics of the practice; the choices are its own, so a forged id is refused."""

    avant = forms.TypedChoiceField(
        coerce=int,
        label="Diagnostic de départ",
        error_messages={
            "required": "Choisissez le diagnostic de départ.",
            "invalid_choice": "Choisissez le diagnostic de départ dans la liste.",
        },
    )
    apres = forms.TypedChoiceField(
        coerce=int,
        label="Diagnostic d’arrivée",
        error_messages={
            "required": "Choisissez le diagnostic d’arrivée.",
            "invalid_choice": "Choisissez le diagnostic d’arrivée dans la liste.",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["avant"].choices = choices
        self.fields["apres"].choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("avant") is not None and data.get("avant") == data.get("apres"):
            self.add_error("apres", "Choisissez un diagnostic différent du diagnostic de départ.")
        return data


class SaveToPracticeForm(SafeTextForm):
    """The practice to save an anonymous result into. The field is a plain number: the view
    checks the caller's access to it, so a forged id gets the usual 404."""

    r = forms.CharField(widget=forms.HiddenInput)
    practice = forms.IntegerField(
        label="Cabinet",
        min_value=1,
        max_value=MAX_ID,
        error_messages={
            "required": "Choisissez le cabinet où enregistrer ce diagnostic.",
            "invalid": "Choisissez un des cabinets proposés.",
            "min_value": "Choisissez un des cabinets proposés.",
            "max_value": "Choisissez un des cabinets proposés.",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practice"].widget = forms.RadioSelect(choices=choices)
