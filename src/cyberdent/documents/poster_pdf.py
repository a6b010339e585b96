"""The crisis-protocol poster ("fiche réflexe") as a one-page A4 PDF."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cyberdent.documents.render import DocumentError, compile_pdf, page_count
from cyberdent.domain.french import typography
from cyberdent.domain.protocol import Poster, PosterContact

# Largest first: the poster keeps the biggest type that still fits on one page. At scale 1 the
# step titles are 20 pt, the phone numbers 16 pt bold and the text 12 pt, the smallest a poster
# read on the wall should use: every contact field at its longest, in capital letters, fits at
# scale 1 (tested). Below 1 only for text wider than that (a name of 120 "W" or emoji): the
# poster then keeps to one page with smaller type rather than failing.
SCALES = (1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6)

DIGIT_SPACE = re.compile(r"(?<=\d) (?=\d)")


def keep_numbers_whole(text: str) -> str:
    """No line break inside a phone number ("04 67 12 34 56" stays on one line)."""
    return DIGIT_SPACE.sub("\u00a0", one_line(text))


def one_line(text: str) -> str:
    """A poster field is one line: a line separator pasted into it (U+2028, NEL…: the form
    refuses only the ASCII controls) becomes a space, so the poster keeps to one page."""
    return " ".join(text.splitlines())


def web_address(url: str) -> str:
    """A link as people type it: "17cyber.gouv.fr"."""
    short = url.removeprefix("https://").removeprefix("http://").removeprefix("www.")
    return short.rstrip("/")


def contact_data(c: PosterContact) -> dict[str, str]:
    return {
        "name": one_line(c.name),
        "details": keep_numbers_whole(c.details),
        "phone": keep_numbers_whole(c.phone),
        "phone_label": c.phone_label,
    }


def sources_line(poster: Poster) -> str:
    """One line: the brochure's publisher with its site, and the référentiel's version (each
    fact's own sources are in the app, beside the fact)."""
    site = f" ({web_address(poster.source_url)})" if poster.source_url else ""
    return (
        f"Sources : brochure de l’URPS Chirurgiens-Dentistes Occitanie{site} et sites "
        f"officiels (version {poster.referential_version})"
    )


def poster_data(poster: Poster, *, scale: float) -> dict[str, Any]:
    practice = one_line(poster.practice_name)
    return {
        "title": "Fiche réflexe cyberattaque" + (f" — {practice}" if practice else ""),
        "heading": "En cas de cyberattaque",
        "practice": practice,
        "lead": contact_data(poster.lead) if poster.lead else None,
        "scale": scale,
        "right_now": [
            {
                "lead": typography(g.lead),
                "text": typography(g.text),
                "contact": contact_data(g.contact) if g.contact else None,
                "fallback": typography(g.fallback),
            }
            for g in poster.right_now
        ],
        "steps": [
            {
                "number": s.number,
                "title": typography(s.title),
                "lines": [typography(line) for line in s.lines],
                "own_contacts": [contact_data(c) for c in s.own_contacts],
            }
            for s in poster.steps
        ],
        "sources": sources_line(poster),
    }


def render_poster_pdf(poster: Poster, *, timestamp: dt.datetime | None = None) -> bytes:
    """Compile at the largest scale that keeps the poster on one page."""
    moment = timestamp or dt.datetime.now(dt.UTC)
    for scale in SCALES:
        pdf = compile_pdf("poster.typ", poster_data(poster, scale=scale), timestamp=moment)
        if page_count(pdf) == 1:
            return pdf
    raise DocumentError(
        f"poster.typ: the poster does not fit on one page even at scale {SCALES[-1]}"
    )
