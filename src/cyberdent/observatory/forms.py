"""Forms of the observatory's pages: the period filter (and the export's grouping), the upload
of paper questionnaires. Every bad value is a French form error, never a 500."""

from __future__ import annotations

from typing import Any

from django import forms

from cyberdent.domain.french import typography
from cyberdent.domain.observatory.cohort import Period
from cyberdent.domain.observatory.tables import GROUPINGS, Query
from cyberdent.web.forms import SafeTextForm

# A paper questionnaire is one line of about 80 bytes: 1 Mo is some 12,000 questionnaires, and
# the file waits in the session between the preview and the import.
MAX_UPLOAD_BYTES = 1_000_000
MAX_UPLOAD_LABEL = "1\u202fMo"

BY_LABELS: dict[str, str] = {
    "departement": "Département",
    "size_band": "Taille du cabinet",
    "period": "Mois",
}
BY_CHOICES = [(key, BY_LABELS[key]) for key in GROUPINGS]


def _month(value: str, which: str) -> Period | None:
    value = value.strip()
    if not value:
        return None
    try:
        return Period.parse(value)
    except ValueError as exc:
        raise forms.ValidationError(typography(f"{which} : {exc}.")) from exc


class PeriodForm(SafeTextForm):
    """Which months (both ends included; empty: no bound) and, for an export, which groups."""

    du = forms.CharField(
        label="Du mois",
        required=False,
        max_length=20,
        help_text="Au format AAAA-MM, par exemple 2026-01. Vide\u202f: depuis le début.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 8}),
    )
    au = forms.CharField(
        label="Au mois (inclus)",
        required=False,
        max_length=20,
        help_text="Au format AAAA-MM. Vide\u202f: jusqu’à aujourd’hui.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 8}),
    )
    par = forms.MultipleChoiceField(
        label="Une ligne par",
        required=False,
        choices=BY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Regroupement inconnu\u202f: choisissez dans la liste."},
    )

    def __init__(self, *args: Any, today: Period, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        for name in ("du", "au"):
            self.fields[name].error_messages["max_length"] = (
                "Un mois s’écrit AAAA-MM, par exemple 2026-01."
            )

    def clean_du(self) -> Period | None:
        return _month(self.cleaned_data.get("du", ""), "Début")

    def clean_au(self) -> Period | None:
        return _month(self.cleaned_data.get("au", ""), "Fin")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("du"), data.get("au")
        # No month after this one: nothing to count there, and a table of every month up to
        # year 9999 is not a page anyone can read (nor one the server should build).
        for name, month, which in (("du", start, "de début"), ("au", end, "de fin")):
            if month is not None and month > self.today:
                self.add_error(
                    name,
                    typography(
                        f"Le mois {which} est après {self.today.label} : il n’y a pas encore "
                        "de chiffres pour ce mois."
                    ),
                )
        if start is not None and end is not None and end < start:
            self.add_error("au", "Le mois de fin est avant le mois de début.")
        return data

    def query(self, *, by: tuple[str, ...] | None = None) -> Query:
        """The query of a valid form; `by` overrides the chosen grouping (always in the
        order département, taille, mois)."""
        data = self.cleaned_data
        chosen = set(data.get("par") or ())
        grouping = by if by is not None else tuple(k for k in GROUPINGS if k in chosen)
        return Query(by=grouping, start=data.get("du"), end=data.get("au"))


class PaperUploadForm(SafeTextForm):
    fichier = forms.FileField(
        label="Fichier CSV des questionnaires papier",
        help_text=(
            f"Un fichier .csv de {MAX_UPLOAD_LABEL} au plus, séparé par des virgules ou des "
            "points-virgules (enregistré depuis un tableur)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
        error_messages={
            "required": "Choisissez le fichier CSV à importer.",
            "empty": "Le fichier choisi est vide\u202f: il faut l’en-tête puis une ligne par "
            "questionnaire.",
            "invalid": "Le fichier n’a pas pu être lu\u202f: choisissez-le à nouveau.",
            "missing": "Le fichier n’a pas pu être lu\u202f: choisissez-le à nouveau.",
        },
    )

    def clean_fichier(self) -> Any:
        upload = self.cleaned_data["fichier"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"Le fichier dépasse {MAX_UPLOAD_LABEL}\u202f: coupez-le en plusieurs fichiers et "
                "importez-les l’un après l’autre."
            )
        return upload
