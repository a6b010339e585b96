"""The opt-in offered under a diagnostic: an unticked box, the département and the size band."""

from __future__ import annotations

from typing import Any

from django import forms

from cyberdent.domain.observatory.cohort import (
    DEPARTEMENTS,
    SIZE_BANDS,
    Period,
    departement_of,
    size_band_of,
)
from cyberdent.web.forms import SafeTextForm

WHAT_IS_KEPT = (
    "Seuls sont gardés vos 11 réponses, le département, la taille du cabinet et le mois\u202f: "
    "ni nom, ni adresse, ni compte, ni heure, et rien qui relie la contribution à votre cabinet."
)


def _departement_choices() -> list[tuple[str, str]]:
    return [
        ("", "Choisissez…"),
        *((code, name if code == "autre" else f"{name} ({code})") for code, name in DEPARTEMENTS),
    ]


class ContributionForm(SafeTextForm):
    prefix = "observatoire"

    contribute = forms.BooleanField(
        required=False,
        label="Contribuer anonymement aux statistiques régionales",
        help_text=WHAT_IS_KEPT,
    )
    departement = forms.ChoiceField(
        label="Département du cabinet",
        choices=_departement_choices,
        error_messages={"invalid_choice": "Choisissez le département dans la liste."},
    )
    size_band = forms.ChoiceField(
        label="Taille de l’équipe",
        choices=SIZE_BANDS,
        error_messages={"invalid_choice": "Choisissez la taille de l’équipe dans la liste."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The cohort matters only once the box is ticked: saving a diagnostic without it must
        # never fail on these fields.
        for name in ("departement", "size_band"):
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contribute"):
            for name in ("departement", "size_band"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, self.fields[name].error_messages["invalid_choice"])
        return data

    @property
    def wanted(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data["contribute"])


def practice_contribution_form(practice: Any, data: Any = None) -> ContributionForm:
    """The opt-in under a practice's new diagnostic, prefilled from the practice."""
    return ContributionForm(
        data,
        initial={
            "departement": departement_of(practice.department),
            "size_band": size_band_of(practice.team_size),
        },
    )


def thanks_message(period: Period) -> str:
    return (
        f"Merci : vos réponses comptent dans les statistiques régionales de {period.label}. "
        "Si vous contribuez de nouveau ce mois-ci, la nouvelle contribution remplace celle-ci."
    )
