"""Incident forms. The rules (future discovery, journal length) are the domain's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms

from cyberdent.domain.incident import (
    EXEMPTION_LABELS,
    KIND_LABELS,
    LONG_MAX_LENGTH,
    PARIS,
    PATIENT_DATA_LABELS,
    RISK_LABELS,
    SHORT_MAX_LENGTH,
    Exemption,
    IncidentError,
    IncidentKind,
    NonexistentTimeError,
    PatientData,
    Risk,
    paris_moment,
    validate_discovery,
    validate_done_at,
    validate_journal_text,
    validate_text,
)
from cyberdent.domain.protocol import check_value
from cyberdent.web.forms import SafeTextForm

# Generous: guards the request size only; the domain gives the precise message.
REQUEST_GUARD = 100_000


# GDPR art. 33 covers any personal data, not only the patients' (content-facts 3a).
PERSONAL_DATA_QUESTION = (
    "Des données personnelles — patients, équipe, fournisseurs — peuvent-elles être concernées ?"
)
PERSONAL_DATA_HELP = (
    "Dossiers, agendas, e-mails, fichiers du personnel… Dans le doute, répondez « Je ne sais "
    "pas » : vous pourrez changer la réponse à tout moment."
)


class PatientDataForm(SafeTextForm):
    """The personal-data answer, changed later on the incident's page."""

    patient_data = forms.ChoiceField(
        label=PERSONAL_DATA_QUESTION,
        choices=[(p.value, label) for p, label in PATIENT_DATA_LABELS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Répondez : oui, non ou « Je ne sais pas »."},
    )

    @property
    def patient_data_value(self) -> PatientData:
        return PatientData(self.cleaned_data["patient_data"])


class StartForm(SafeTextForm):
    kind = forms.ChoiceField(
        label="Que se passe-t-il ?",
        choices=[(k.value, label) for k, label in KIND_LABELS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez ce qui se passe (ou « Autre chose »)."},
    )
    discovered_date = forms.DateField(
        label="Date de la découverte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": "Indiquez la date de la découverte.",
            "invalid": "Date non reconnue : utilisez le format jj/mm/aaaa.",
        },
    )
    discovered_time = forms.TimeField(
        label="Heure de la découverte",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M", "%H h %M"],
        error_messages={
            "required": "Indiquez l’heure de la découverte (approximative si besoin).",
            "invalid": "Heure non reconnue : utilisez le format hh:mm, par exemple 08:30.",
        },
    )
    patient_data = forms.ChoiceField(
        label=PERSONAL_DATA_QUESTION,
        help_text=PERSONAL_DATA_HELP,
        choices=[(p.value, label) for p, label in PATIENT_DATA_LABELS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Répondez : oui, non ou « Je ne sais pas »."},
    )

    def __init__(self, *args: Any, now: dt.datetime, **kwargs: Any) -> None:
        local = now.astimezone(PARIS)
        # "Je ne sais pas" until known (a ransomware rarely says what it read); it can be
        # changed at any time on the incident's page, and the change is journaled.
        kwargs.setdefault(
            "initial",
            {
                "discovered_date": local.date(),
                "discovered_time": local.time(),
                "patient_data": PatientData.UNKNOWN.value,
            },
        )
        super().__init__(*args, **kwargs)
        self.now = now
        self.discovered_at: dt.datetime | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.get("discovered_date"), data.get("discovered_time")
        if isinstance(day, dt.date) and isinstance(time, dt.time):
            try:
                moment = paris_moment(day, time.replace(second=0, microsecond=0))
                self.discovered_at = validate_discovery(moment, self.now)
            except NonexistentTimeError as exc:  # skipped by the spring clock change
                self.add_error("discovered_time", str(exc))
            except IncidentError as exc:
                self.add_error("discovered_date", str(exc))
        return data

    @property
    def kind_value(self) -> IncidentKind:
        return IncidentKind(self.cleaned_data["kind"])

    @property
    def patient_data_value(self) -> PatientData:
        return PatientData(self.cleaned_data["patient_data"])


class AnonymousStartForm(StartForm):
    """Without an account, the practice's contacts are unknown: the IT provider's phone can be
    typed here, so that the first step offers a tap to call."""

    it_provider_phone = forms.CharField(
        label="Téléphone de votre prestataire informatique (facultatif)",
        required=False,
        max_length=REQUEST_GUARD,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_it_provider_phone(self) -> str:
        value: str = self.cleaned_data.get("it_provider_phone", "").strip()
        problem = check_value("it_provider.phone", value)
        if problem is not None:
            raise forms.ValidationError(problem)
        return value


class JournalForm(SafeTextForm):
    text = forms.CharField(
        label="Nouvelle entrée du journal",
        help_text=(
            "Ce qui s’est passé ou a été fait, et par qui. Une entrée ne se modifie pas : pour "
            "corriger, ajoutez une nouvelle entrée."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REQUEST_GUARD,
        strip=False,
        error_messages={"required": "L’entrée du journal est vide : écrivez ce qui s’est passé."},
    )

    def clean_text(self) -> str:
        try:
            return validate_journal_text(self.cleaned_data["text"])
        except IncidentError as exc:
            raise forms.ValidationError(str(exc)) from exc


class StepForm(SafeTextForm):
    """ "Fait", now or at the time it was really done today ("fait à 10 h 00")."""

    step_id = forms.CharField(max_length=64)
    done_time = forms.TimeField(
        required=False,
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M", "%H h %M"],
        error_messages={
            "invalid": "Heure non reconnue : utilisez le format hh:mm, par exemple 10:00."
        },
    )

    def __init__(
        self,
        *args: Any,
        step_ids: Sequence[str],
        discovered_at: dt.datetime,
        now: dt.datetime,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.step_ids = step_ids
        self.discovered_at = discovered_at
        self.now = now
        self.done_at = now
        self.recorded_at: dt.datetime | None = None

    def clean_step_id(self) -> str:
        value: str = self.cleaned_data["step_id"]
        if value not in self.step_ids:
            raise forms.ValidationError("Étape inconnue.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        time = data.get("done_time")
        if isinstance(time, dt.time):
            today = self.now.astimezone(PARIS).date()
            try:
                moment = paris_moment(today, time.replace(second=0, microsecond=0))
                self.done_at = validate_done_at(
                    moment, discovered_at=self.discovered_at, now=self.now
                )
            except (NonexistentTimeError, IncidentError) as exc:
                self.add_error("done_time", str(exc))
            else:
                self.recorded_at = self.now
        return data


def _text_clean(form: forms.Form, name: str, label: str, limit: int) -> str:
    try:
        return validate_text(form.cleaned_data.get(name, ""), label=label, limit=limit)
    except IncidentError as exc:
        raise forms.ValidationError(str(exc)) from exc


class DetailsForm(SafeTextForm):
    complaint_reference = forms.CharField(
        label="Référence de la plainte (numéro du procès-verbal ou du récépissé)",
        required=False,
        max_length=REQUEST_GUARD,
    )
    affected_systems = forms.CharField(
        label="Ordinateurs et systèmes touchés",
        help_text="Par exemple : poste de l’accueil, serveur, logiciel de gestion.",
        required=False,
        max_length=REQUEST_GUARD,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contacted = forms.CharField(
        label="Personnes et organismes contactés",
        help_text="Par exemple : prestataire (M. Martin, 9 h 10), gendarmerie, assureur.",
        required=False,
        max_length=REQUEST_GUARD,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_complaint_reference(self) -> str:
        return _text_clean(self, "complaint_reference", "Référence de la plainte", SHORT_MAX_LENGTH)

    def clean_affected_systems(self) -> str:
        return _text_clean(self, "affected_systems", "Systèmes touchés", LONG_MAX_LENGTH)

    def clean_contacted(self) -> str:
        return _text_clean(self, "contacted", "Personnes contactées", LONG_MAX_LENGTH)


class DecisionForm(SafeTextForm):
    risk = forms.ChoiceField(
        label="Quel risque pour les patients ?",
        choices=[(r.value, label) for r, label in RISK_LABELS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez le niveau de risque (ou « Je ne sais pas »)."},
    )
    exemption = forms.ChoiceField(
        label="L’une de ces situations s’applique-t-elle ?",
        choices=[(e.value, label) for e, label in EXEMPTION_LABELS.items()],
        widget=forms.RadioSelect,
        initial=Exemption.NONE.value,
        required=False,  # not answered: none applies
    )

    @property
    def risk_value(self) -> Risk:
        return Risk(self.cleaned_data["risk"])

    @property
    def exemption_value(self) -> Exemption:
        return Exemption(self.cleaned_data["exemption"] or Exemption.NONE.value)


class CloseForm(SafeTextForm):
    what_happened = forms.CharField(
        label="Que s’est-il passé ?",
        help_text="En quelques phrases : comment l’incident a commencé, ce qu’il a touché.",
        max_length=REQUEST_GUARD,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Décrivez en quelques mots ce qui s’est passé."},
    )
    what_would_help = forms.CharField(
        label="Qu’est-ce qui aurait aidé ?",
        help_text="Une sauvegarde testée, un numéro à portée de main, une formation de l’équipe…",
        required=False,
        max_length=REQUEST_GUARD,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_what_happened(self) -> str:
        return _text_clean(self, "what_happened", "Que s’est-il passé", LONG_MAX_LENGTH)

    def clean_what_would_help(self) -> str:
        return _text_clean(self, "what_would_help", "Ce qui aurait aidé", LONG_MAX_LENGTH)
