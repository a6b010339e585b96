"""The diagnostic form, built from the référentiel's questions."""

from __future__ import annotations

import copy
from collections.abc import Hashable
from typing import Any

from django import forms

from cyberdent.domain.answers import (
    ANSWER_LABELS,
    BASE_ANSWERS,
    Answer,
    Answers,
    allowed_answers,
    parse_answers,
)
from cyberdent.domain.referential_models import Referential
from cyberdent.web.forms import SafeTextForm


def _choices(answers: tuple[Answer, ...], not_applicable_label: str = "") -> list[tuple[str, str]]:
    return [
        (a.value, not_applicable_label if a is Answer.NOT_APPLICABLE else ANSWER_LABELS[a])
        for a in answers
    ]


def _build_fields(referential: Referential) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for number, q in enumerate(referential.questions, start=1):
        fields[q.id] = forms.ChoiceField(
            label=q.text,
            choices=_choices(allowed_answers(q), q.not_applicable_label),
            widget=forms.RadioSelect,
            error_messages={
                "required": f"Répondez à la question {number} : « {q.text} ».",
                "invalid_choice": f"Question {number} : choisissez une des réponses proposées.",
            },
        )
    for number, c in enumerate(referential.complementary, start=len(fields) + 1):
        fields[c.id] = forms.ChoiceField(
            label=c.text,
            choices=_choices(BASE_ANSWERS),
            widget=forms.RadioSelect,
            required=False,
            error_messages={
                "invalid_choice": f"Question {number} : choisissez une des réponses proposées."
            },
        )
    return fields


# Building the 13 fields (their choices normalised one by one) took 0.8 ms per request; a copy
# of fields built once per référentiel version takes about half, as Django does for a form
# class's declared fields.
_FIELDS: dict[tuple[str, str], dict[str, forms.Field]] = {}


def _shared_fields(referential: Referential) -> dict[str, forms.Field]:
    """The fields built once for this référentiel version: copied before use, never changed."""
    key = (referential.id, referential.version)
    if key not in _FIELDS:
        _FIELDS[key] = _build_fields(referential)
    return _FIELDS[key]


class DiagnosticForm(SafeTextForm):
    """One radio group per question; the 11 scored ones are required, the others optional.

    The question fields are copied on first use, not in __init__: the empty form of a GET is
    served from the fragment cache (_form.html) and never touches them, and copying the 13
    fields was a third of that page's time."""

    def __init__(self, *args: Any, referential: Referential, **kwargs: Any) -> None:
        self.referential = referential
        self._fields: dict[str, forms.Field] | None = None
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]  # Django declares a plain attribute
    def fields(self) -> dict[str, forms.Field]:
        if self._fields is None:
            self._fields = copy.deepcopy(_shared_fields(self.referential))
        return self._fields

    @fields.setter
    def fields(self, fields: dict[str, forms.Field]) -> None:
        # BaseForm.__init__ sets the class's declared fields, none here: the questions are then
        # copied on first use. Any other assignment (order_fields…) is kept as given.
        self._fields = fields or None

    def answers(self) -> Answers:
        """The validated answers; call only after is_valid()."""
        given = {key: value for key, value in self.cleaned_data.items() if value}
        return parse_answers(self.referential, given)

    @property
    def fragment_key(self) -> tuple[Hashable, ...]:
        """The fields also depend on the référentiel and its version ({% fragment %} in
        _form.html)."""
        return (self.referential.id, self.referential.version, *super().fragment_key)

    def __getitem__(self, name: str) -> forms.BoundField:
        # A template's `form.errors` tries form["errors"] first: answered without the fields.
        if self._fields is None and name not in _shared_fields(self.referential):
            raise KeyError(name)
        return super().__getitem__(name)

    @property
    def question_count(self) -> int:
        return len(self.referential.questions)

    def question_fields(self) -> list[tuple[int, Any, forms.BoundField]]:
        return [(i, q, self[q.id]) for i, q in enumerate(self.referential.questions, start=1)]

    def complementary_fields(self) -> list[tuple[int, Any, forms.BoundField]]:
        start = len(self.referential.questions) + 1
        return [
            (i, c, self[c.id]) for i, c in enumerate(self.referential.complementary, start=start)
        ]
