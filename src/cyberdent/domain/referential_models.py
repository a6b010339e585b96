"""Typed model of the référentiel: the content of CyberDent, validated at load.

The YAML file is the single source of questions, measures, actions, the risk rule, the
"why protect" text, the incident protocol, the contacts and the facts with their sources.
Cross-references (ids) are checked here so that a bad file fails at load, naming the key.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class _Strict(BaseModel):
    """Unknown keys are errors: a typo in the YAML must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class FactStatus(StrEnum):
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"
    UNVERIFIED = "unverified"


class Fact(_Strict):
    """A statement of law, contact, deadline or figure that the app shows, with its sources."""

    id: Id
    statement: Text
    status: FactStatus
    sources: list[Text] = Field(min_length=1)
    note: str = ""


class Who(StrEnum):
    YOU = "vous"
    IT_PROVIDER = "prestataire"
    BOTH = "vous_et_prestataire"


class Action(_Strict):
    """A concrete thing to do, grouped under one measure of the brochure."""

    id: Id
    measure: Id
    title: Text
    why: Text
    steps: list[Text] = Field(min_length=1)
    who: Who
    effort: Text
    facts: list[Id] = []


class Question(_Strict):
    """One of the brochure's 11 self-diagnostic statements."""

    id: Id
    text: Text
    topic: Text
    how_to_check: Text
    why: Text
    critical: bool
    allows_not_applicable: bool = False
    not_applicable_label: str = ""
    priority: int = Field(ge=1)
    action: Action
    # First step of the action when the answer is "Je ne sais pas": find out.
    find_out: Text
    facts: list[Id] = []

    @model_validator(mode="after")
    def _not_applicable_label_present(self) -> Question:
        if self.allows_not_applicable and not self.not_applicable_label:
            raise ValueError("not_applicable_label is required when allows_not_applicable is true")
        return self


class ComplementaryQuestion(_Strict):
    """A question asked beside the 11 but never scored (insurance, IT provider)."""

    id: Id
    text: Text
    how_to_check: Text
    why: Text
    action: Action
    find_out: Text
    facts: list[Id] = []


class Measure(_Strict):
    """One of the brochure's measures of the "Anticiper" section."""

    id: Id
    title: Text
    why: Text
    how: list[Text] = Field(min_length=1)


class Level(_Strict):
    id: Literal["high", "moderate", "low"]
    label: Text
    summary: Text
    # Inclusive lower bound of the score for this level (high has 0).
    min_score: int = Field(ge=0)


class Rule(_Strict):
    """The brochure's rule: a score at or below the threshold, or a critical gap, is high risk."""

    high_if_score_at_most: int = Field(ge=0)
    critical: list[Id] = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)


class Section(_Strict):
    """A block of prose: a title, paragraphs, bullet items, and the facts it states."""

    title: Text
    paragraphs: list[Text] = []
    items: list[Text] = []
    facts: list[Id] = []


class Contact(_Strict):
    id: Id
    name: Text
    role: Text
    phone: str = ""
    url: str = ""
    email: str = ""
    hours: str = ""
    note: str = ""
    facts: list[Id] = Field(min_length=1)


class ProtocolStep(_Strict):
    id: Id
    title: Text
    how: list[Text] = Field(min_length=1)
    # One to three short lines for the one-page poster ("fiche réflexe").
    poster: list[Text] = Field(default=[], max_length=3)
    # Advice for one kind of incident (ransomware, phishing, device_lost, data_leak, other),
    # shown first in the guided incident mode when it applies.
    by_kind: dict[Id, list[Text]] = {}
    why: str = ""
    contacts: list[Id] = []
    facts: list[Id] = []


class Gesture(_Strict):
    """One first gesture: a few words in bold (the verb), then the rest of the sentence."""

    lead: Text
    text: Text


class RightNow(_Strict):
    """The « Tout de suite » box, first on every incident page: isolate, then alert (the
    practice's IT provider, or the fallback contact), then do not pay."""

    title: Text
    isolate: Gesture
    alert: Gesture
    fallback: Text
    # Said instead of `fallback` when the page knows the practice's IT provider.
    fallback_when_known: str = ""
    fallback_contact: Id
    fallback_text: str = ""
    do_not_pay: Gesture
    facts: list[Id] = Field(min_length=1)


class Incident(_Strict):
    # Optional so that a smaller référentiel (tests, another region) may leave it out.
    right_now: RightNow | None = None
    intro: Text
    steps: list[ProtocolStep] = Field(min_length=1)
    contacts: list[Contact] = Field(min_length=1)
    personal_data: Section


class Publisher(_Strict):
    """Who wrote the brochure, with the contact it prints (address, phone, email)."""

    name: Text
    address: Text
    phone: Text
    email: Text
    website: str = ""
    facts: list[Id] = Field(min_length=1)


class Source(_Strict):
    title: Text
    publisher: Publisher


class Referential(_Strict):
    id: Id
    version: Text
    locale: Literal["fr"]
    source: Source
    rule: Rule
    questions: list[Question] = Field(min_length=1)
    complementary: list[ComplementaryQuestion] = []
    measures: list[Measure] = Field(min_length=1)
    maintenance: list[Action] = Field(min_length=1)
    why_protect: list[Section] = Field(min_length=1)
    incident: Incident
    facts: list[Fact] = Field(min_length=1)
