"""The crisis-protocol poster ("fiche réflexe") as a one-page A4 PDF."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any
from urllib.parse import urlparse

from pypdf import PdfReader

from cyberdent.documents.render import DocumentError, compile_pdf
from cyberdent.domain.protocol import Poster

# Largest first: the poster keeps the biggest type that still fits on one page.
FONT_SIZES = (11.0, 10.0, 9.0, 8.0, 7.0, 6.0)


DIGIT_SPACE = re.compile(r"(?<=\d) (?=\d)")


def keep_numbers_whole(text: str) -> str:
    """No line break inside a phone number ("04 67 12 34 56" stays on one line)."""
    return DIGIT_SPACE.sub("\u00a0", one_line(text))


def one_line(text: str) -> str:
    """A poster field is one line: a line separator pasted into it (U+2028, NEL…: the form
    refuses only the ASCII controls) becomes a space, so the poster keeps to one page."""
    return " ".join(text.splitlines())


def source_names(poster: Poster) -> list[str]:
    """The sources as short names (web site or document), once each: a poster on the wall
    shows where the facts come from without a block of long links."""
    names: list[str] = []
    for fact in poster.sources:
        for source in fact.sources:
            name = urlparse(source).hostname or source if source.startswith("http") else source
            name = name.removeprefix("www.")
            if name not in names:
                names.append(name)
    return names


def poster_data(poster: Poster, *, font_size: float) -> dict[str, Any]:
    practice = one_line(poster.practice_name)
    return {
        "title": "Fiche réflexe cyberattaque" + (f" — {practice}" if practice else ""),
        "heading": "En cas de cyberattaque",
        "subheading": practice or "Protocole à suivre, dans l'ordre",
        "lead": keep_numbers_whole(poster.lead_line),
        "font_size": font_size,
        "steps": [
            {
                "number": s.number,
                "title": s.title,
                "lines": list(s.lines),
                "own_contacts": [keep_numbers_whole(c) for c in s.own_contacts],
            }
            for s in poster.steps
        ],
        "dont_pay": poster.dont_pay,
        "contacts": [
            {"name": c.name, "phone": keep_numbers_whole(c.phone), "hours": c.hours, "url": c.url}
            for c in poster.fixed_contacts
        ],
        "sources": source_names(poster),
        "referential": f"{poster.referential_id} {poster.referential_version}",
    }


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def render_poster_pdf(poster: Poster, *, timestamp: dt.datetime | None = None) -> bytes:
    """Compile at the largest type size that keeps the poster on one page."""
    moment = timestamp or dt.datetime.now(dt.UTC)
    for size in FONT_SIZES:
        pdf = compile_pdf("poster.typ", poster_data(poster, font_size=size), timestamp=moment)
        if page_count(pdf) == 1:
            return pdf
    raise DocumentError("poster.typ: the poster does not fit on one page even at the smallest size")
