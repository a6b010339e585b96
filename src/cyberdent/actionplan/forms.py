"""The form to update one action's tracking. The business rules (a due date not in the past,
the note's length, an assignee from the team) are the domain's: the form only calls them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms

from cyberdent.actionplan.models import ActionItem
from cyberdent.domain.tracking import (
    NOT_A_MEMBER_MESSAGE,
    NOTE_MAX_LENGTH,
    STATUS_LABELS,
    Status,
    TrackState,
    update_errors,
)
from cyberdent.web.forms import SafeTextForm
from cyberdent.web.people import person

NOTE_MAX_LENGTH_TEXT = f"{NOTE_MAX_LENGTH:,}".replace(",", "\u202f")  # "2 000"
STATUS_CHOICES = [(s.value, STATUS_LABELS[s]) for s in Status]


class ActionItemForm(SafeTextForm):
    status = forms.ChoiceField(
        label="Où en est cette action ?",
        choices=STATUS_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Indiquez où en est l’action : à faire, en cours ou faite.",
            "invalid_choice": "Choisissez « À faire », « En cours » ou « Fait ».",
        },
    )
    assignee = forms.ChoiceField(
        label="Qui s’en occupe ?",
        required=False,
        error_messages={"invalid_choice": NOT_A_MEMBER_MESSAGE},
    )
    due_date = forms.DateField(
        label="À faire pour le",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Saisissez une date valide, par exemple 15/01/2027."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Facultatif, {NOTE_MAX_LENGTH_TEXT} caractères au maximum. "
        "N’y écrivez jamais de donnée patient.",
    )

    def __init__(
        self,
        data: Any = None,
        *,
        item: ActionItem,
        members: Iterable[Any],
        today: dt.date,
    ) -> None:
        initial = {
            "status": item.status,
            "assignee": str(item.assignee_id) if item.assignee_id else "",
            "due_date": item.due_date,
            "note": item.note,
        }
        super().__init__(data, initial=initial)
        self.previous = TrackState(
            status=Status(item.status),
            assignee_id=item.assignee_id,
            due_date=item.due_date,
            note=item.note,
        )
        self.today = today
        self.member_ids = {m.pk for m in members}
        self.fields["assignee"].choices = [
            ("", "Non attribuée"),
            *((str(m.pk), person(m)) for m in members),
        ]

    def clean_assignee(self) -> int | None:
        value = self.cleaned_data["assignee"]
        return int(value) if value else None

    def clean_note(self) -> str:
        # Browsers send line breaks as CRLF: count each as one character, as the person sees it.
        return str(self.cleaned_data["note"]).replace("\r\n", "\n")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        errors = update_errors(
            previous=self.previous,
            new=self.track_state(),
            today=self.today,
            member_ids=self.member_ids,
        )
        for field, message in errors.items():
            if field not in self.errors:  # a field already refused keeps its first message
                self.add_error(field, message)
        return cleaned

    def track_state(self) -> TrackState:
        """The submitted state; a field that failed its own check keeps its previous value."""
        data = self.cleaned_data
        return TrackState(
            status=Status(data["status"]) if "status" in data else self.previous.status,
            assignee_id=data.get("assignee", self.previous.assignee_id),
            due_date=data.get("due_date", self.previous.due_date),
            note=data.get("note", self.previous.note),
        )
