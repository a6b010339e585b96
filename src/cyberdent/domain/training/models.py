"""Typed model of the phishing training content: kinds, reflexes and example messages.

The YAML file (referential/phishing_training.yaml) is the single source of the examples; every
check that the file can fail is made here or in the loader, so that a bad file fails at load and
the error names the key. Fact ids are checked against the référentiel by the loader.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from cyberdent.domain.errors import ReferentialError

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

# The least the content must hold so that a session means something.
MIN_LEGIT_EXAMPLES = 5
MIN_SCAM_CLUES = 2


class TrainingError(ReferentialError):
    """The training file cannot be read or is invalid; the message names the file and the key."""


class _Strict(BaseModel):
    """Unknown keys are errors: a typo in the YAML must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    LETTER = "letter"


class Verdict(StrEnum):
    SCAM = "scam"
    LEGIT = "legit"


class Part(StrEnum):
    """The part of a message a clue points at."""

    SENDER_NAME = "sender_name"
    SENDER_ADDRESS = "sender_address"
    SUBJECT = "subject"
    BODY = "body"
    LINK = "link"
    ATTACHMENT = "attachment"


class Kind(_Strict):
    """A family of messages (false Assurance Maladie refund, CEO fraud…), named in French."""

    id: Id
    label: Text


class Reflex(_Strict):
    """The right thing to do; `facts` are référentiel fact ids, `sources` back any other claim."""

    id: Id
    text: Text
    facts: list[Id] = []
    sources: list[Text] = []


class Link(_Strict):
    """A link as shown (`text`) and where it really leads (`target`, seen on hover or long tap).
    For a letter, a QR code is a link whose text describes it."""

    text: Text
    target: Text


class Clue(_Strict):
    """One thing to look at: `quote` is the exact text of `part` the clue points at."""

    id: Id
    part: Part
    quote: Text
    explanation: Text


class Example(_Strict):
    """A message as a person would see it, with its verdict and every clue pointed at in place.

    A scam carries `clues` (at least two); a legitimate message carries `reassurance` clues (what
    shows it is fine) and no `clues`."""

    id: Id
    kind: Id
    channel: Channel
    verdict: Verdict
    sender_name: Text
    sender_address: Text
    subject: str = ""
    body: list[Text] = Field(min_length=1)
    links: list[Link] = []
    attachments: list[Text] = []
    clues: list[Clue] = []
    reassurance: list[Clue] = []
    reflexes: list[Id] = Field(min_length=1)
    sources: list[Text] = Field(min_length=1)

    def part_texts(self, part: Part) -> list[str]:
        """Every text of the message that belongs to `part` (a link gives its text and target)."""
        if part is Part.SENDER_NAME:
            return [self.sender_name]
        if part is Part.SENDER_ADDRESS:
            return [self.sender_address]
        if part is Part.SUBJECT:
            return [self.subject] if self.subject else []
        if part is Part.BODY:
            return list(self.body)
        if part is Part.LINK:
            return [text for link in self.links for text in (link.text, link.target)]
        return list(self.attachments)

    @property
    def all_clues(self) -> list[Clue]:
        """The clues of a scam or the reassurance of a legitimate message."""
        return [*self.clues, *self.reassurance]

    def quotes_for(self, part: Part) -> list[str]:
        """The quotes of every clue (or reassurance) pointing at `part`, for highlight()."""
        return [clue.quote for clue in self.all_clues if clue.part is part]

    @model_validator(mode="after")
    def _coherent(self) -> Example:
        problems: list[str] = []
        if self.channel is Channel.EMAIL and not self.subject.strip():
            problems.append("subject: an e-mail needs a subject")
        if self.channel is Channel.SMS and (self.subject or self.attachments):
            problems.append("an SMS has no subject and no attachment")
        if self.verdict is Verdict.SCAM:
            if len(self.clues) < MIN_SCAM_CLUES:
                problems.append(f"clues: a scam needs at least {MIN_SCAM_CLUES} clues")
            if self.reassurance:
                problems.append("reassurance: only a legitimate message has reassurance clues")
        else:
            if not self.reassurance:
                problems.append("reassurance: a legitimate message needs at least one")
            if self.clues:
                problems.append("clues: a legitimate message has reassurance, not clues")
        seen: set[str] = set()
        for key, clues in (("clues", self.clues), ("reassurance", self.reassurance)):
            for clue in clues:
                if clue.id in seen:
                    problems.append(f"{key}.{clue.id}: duplicate clue id")
                seen.add(clue.id)
                if not any(clue.quote in text for text in self.part_texts(clue.part)):
                    problems.append(
                        f"{key}.{clue.id}.quote: {clue.quote!r} is not in the {clue.part.value}"
                    )
        if problems:
            raise ValueError("; ".join(problems))
        return self


class Training(_Strict):
    """The whole training content: its version, its sources, kinds, reflexes and examples."""

    id: Id
    version: Text
    locale: Text
    sources: list[Text] = Field(min_length=1)
    kinds: list[Kind] = Field(min_length=1)
    reflexes: list[Reflex] = Field(min_length=1)
    examples: list[Example] = Field(min_length=1)

    def example(self, example_id: str) -> Example:
        """The example with this id; KeyError when there is none."""
        for example in self.examples:
            if example.id == example_id:
                return example
        raise KeyError(example_id)

    def kind(self, kind_id: str) -> Kind:
        """The kind with this id; KeyError when there is none."""
        for kind in self.kinds:
            if kind.id == kind_id:
                return kind
        raise KeyError(kind_id)

    def reflex(self, reflex_id: str) -> Reflex:
        """The reflex with this id; KeyError when there is none."""
        for reflex in self.reflexes:
            if reflex.id == reflex_id:
                return reflex
        raise KeyError(reflex_id)

    @model_validator(mode="after")
    def _references(self) -> Training:
        problems: list[str] = []
        for key, ids in (
            ("kinds", [k.id for k in self.kinds]),
            ("reflexes", [r.id for r in self.reflexes]),
            ("examples", [e.id for e in self.examples]),
        ):
            seen: set[str] = set()
            for item_id in ids:
                if item_id in seen:
                    problems.append(f"{key}: duplicate id '{item_id}'")
                seen.add(item_id)
        kind_ids = {k.id for k in self.kinds}
        reflex_ids = {r.id for r in self.reflexes}
        for example in self.examples:
            if example.kind not in kind_ids:
                problems.append(f"examples.{example.id}.kind: unknown kind '{example.kind}'")
            for reflex_id in example.reflexes:
                if reflex_id not in reflex_ids:
                    problems.append(f"examples.{example.id}.reflexes: unknown reflex '{reflex_id}'")
        used = {e.kind for e in self.examples}
        for kind_id in sorted(kind_ids - used):
            problems.append(f"kinds.{kind_id}: no example of this kind")
        legit = sum(e.verdict is Verdict.LEGIT for e in self.examples)
        if legit < MIN_LEGIT_EXAMPLES:
            problems.append(
                f"examples: {legit} legitimate messages, at least {MIN_LEGIT_EXAMPLES} needed"
            )
        if problems:
            raise ValueError("; ".join(problems))
        return self
