"""The crisis-protocol poster: one A4 page, the practice's contacts, the fixed contacts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cyberdent.documents.poster_pdf import render_poster_pdf
from cyberdent.domain.protocol import build_poster, parse_contacts
from cyberdent.domain.referential_models import Referential
from tests.documents.pdfcheck import assert_contains, assert_tagged_pdf_ua, page_count, render_png

MOMENT = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
FILLED: dict[str, Any] = {
    "practice": "Cabinet des Lilas",
    "it_provider": {"name": "Info Santé Services", "phone": "04 67 12 34 56", "hours": "8 h–18 h"},
    "insurer": {"name": "Assur Pro", "contract": "AB-123456", "phone": "09 70 00 00 00"},
    "police": {"name": "Commissariat Centre", "address": "2 rue du Port, 34000 Montpellier",
               "phone": "04 99 13 50 00"},
    "lead": {"name": "Dr Marie Dupont", "phone": "06 12 34 56 78"},
}  # fmt: skip


def poster(ref: Referential, raw: dict[str, Any]) -> bytes:
    return render_poster_pdf(build_poster(ref, parse_contacts(raw)), timestamp=MOMENT)


def test_filled_poster_holds_every_contact_and_the_steps(ref: Referential, tmp_path: Path) -> None:
    pdf = poster(ref, FILLED)
    assert page_count(pdf) == 1
    assert_contains(
        pdf,
        "Cabinet des Lilas",
        "Info Santé Services", "04 67 12 34 56", "8 h–18 h",
        "Assur Pro", "AB-123456", "09 70 00 00 00",
        "Commissariat Centre", "2 rue du Port, 34000 Montpellier", "04 99 13 50 00",
        "Dr Marie Dupont", "06 12 34 56 78",
        "09 72 43 91 25", "https://signalement.social-sante.gouv.fr", "17Cyber", "CNIL",
        "Ne payez pas la rançon",
    )  # fmt: skip
    titles = [s.title for s in ref.incident.steps if s.id != "do_not_pay"]
    assert_contains(pdf, *titles)
    assert_tagged_pdf_ua(pdf)
    assert len(render_png(pdf, tmp_path)) == 1


def test_steps_keep_the_brochures_order(ref: Referential) -> None:
    from tests.documents.pdfcheck import pdf_text, squash

    text = squash(pdf_text(poster(ref, FILLED)))
    steps = [s.title for s in ref.incident.steps if s.id != "do_not_pay"]
    positions = [text.index(squash(t)) for t in steps]
    assert positions == sorted(positions)


def test_empty_poster_asks_to_complete(ref: Referential) -> None:
    pdf = poster(ref, {})
    assert page_count(pdf) == 1
    assert_contains(pdf, "(à compléter)")


def test_worst_case_stays_on_one_page(ref: Referential) -> None:
    worst = {
        "practice": "P" * 120,
        "it_provider": {"name": "N" * 120, "phone": "+33 (0)4 67 12 34 56", "hours": "H" * 80},
        "insurer": {"name": "I" * 120, "contract": "C" * 60, "phone": "09 70 00 00 00 00"},
        "police": {"name": "G" * 120, "address": "A " * 100, "phone": "04 99 13 50 00"},
        "lead": {"name": "L" * 120, "phone": "06 12 34 56 78"},
    }
    pdf = poster(ref, worst)
    assert page_count(pdf) == 1
    assert_contains(pdf, "N" * 120, "C" * 60)


def test_markup_characters_stay_text(ref: Referential) -> None:
    hostile = {"practice": '#set page(paper: "a5") ] [ $x$ <script> \\ *x* _y_ @z',
               "lead": {"name": "#include \"/etc/passwd\""}}  # fmt: skip
    pdf = poster(ref, hostile)
    assert_contains(pdf, hostile["practice"], '#include "/etc/passwd"')
    assert page_count(pdf) == 1


def test_deterministic(ref: Referential) -> None:
    assert poster(ref, FILLED) == poster(ref, FILLED)
