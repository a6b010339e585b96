"""An example message as the page shows it: every part of it split into plain and highlighted
runs (the clues, numbered), the link targets beside their text. Built from the domain's
highlight(); the template only lays it out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cyberdent.domain.training.models import Example, Part
from cyberdent.domain.training.session import Segment, highlight


@dataclass(frozen=True)
class Run:
    text: str
    numbers: tuple[int, ...]  # the clue numbers covering this run (empty: plain text)


def _runs(example: Example, part: Part, text: str, numbered: dict[str, int]) -> list[Run]:
    clues = [c for c in example.all_clues if c.part is part]
    segments: list[Segment] = highlight(text, [c.quote for c in clues])
    return [Run(s.text, tuple(sorted({numbered[clues[i].id] for i in s.quotes}))) for s in segments]


def message_view(example: Example, *, with_clues: bool) -> dict[str, Any]:
    """The parts of the message; with_clues: the clues marked in place, numbered 1, 2…"""
    clues = example.all_clues if with_clues else []
    numbered = {clue.id: n for n, clue in enumerate(clues, start=1)}

    def runs(part: Part, text: str) -> list[Run]:
        if not with_clues:
            return [Run(text, ())]
        return _runs(example, part, text, numbered)

    return {
        "example": example,
        "sender_name": runs(Part.SENDER_NAME, example.sender_name),
        "sender_address": runs(Part.SENDER_ADDRESS, example.sender_address),
        "subject": runs(Part.SUBJECT, example.subject) if example.subject else [],
        "body": [runs(Part.BODY, paragraph) for paragraph in example.body],
        "links": [
            {"text": runs(Part.LINK, link.text), "target": runs(Part.LINK, link.target)}
            for link in example.links
        ],
        "attachments": [runs(Part.ATTACHMENT, name) for name in example.attachments],
        "clues": [(numbered[c.id], c) for c in clues],
    }
