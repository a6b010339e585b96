"""The crisis-protocol poster: one A4 page, the practice's contacts, the fixed contacts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cyberdent.documents.poster_pdf import render_poster_pdf, sources_line
from cyberdent.domain.protocol import (
    CrisisContacts,
    Insurer,
    ITProvider,
    Lead,
    Police,
    build_poster,
    parse_contacts,
)
from cyberdent.domain.referential_models import Referential
from tests.documents.pdfcheck import (
    Run,
    assert_contains,
    assert_inside_the_page,
    assert_tagged_pdf_ua,
    joined,
    page_count,
    pdf_text,
    render_png,
    squash,
    text_runs,
)

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
        "09 72 43 91 25", "signalement.social-sante.gouv.fr", "17Cyber", "17cyber.gouv.fr",
        "CNIL", "Ne payez pas et ne répondez pas aux pirates.", "Tout de suite",
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


# Every contact field at the longest the form accepts, in capital letters.
LONGEST: dict[str, Any] = {
    "practice": "N" * 120,
    "it_provider": {"name": "N" * 120, "phone": "+33 (0)4 67 12 34 56 78 9", "hours": "H" * 80},
    "insurer": {"name": "N" * 120, "contract": "C" * 60, "phone": "09 70 00 00 00 00 00 00 0"},
    "police": {"name": "N" * 120, "address": "A" * 200, "phone": "04 99 13 50 00 00 00 00 0"},
    "lead": {"name": "N" * 120, "phone": "06 12 34 56 78 00 00 00 0"},
}


def assert_poster_sizes(ref: Referential, pdf: bytes, phones: list[str]) -> list[Run]:
    """Step titles 20 pt or more, phone numbers bold 16 pt or more, the rest 12 pt or more
    (except the one line of sources at the foot)."""
    runs = text_runs(pdf)
    titles = joined([r for r in runs if r.size >= 20 and r.bold])
    steps = [s for s in ref.incident.steps if s.id != "do_not_pay"]
    for number, step in enumerate(steps, start=1):
        assert squash(f"{number}. {step.title}") in titles, step.title
    big_bold = joined([r for r in runs if r.size >= 16 and r.bold])
    for phone in phones:
        assert squash(phone) in big_bold, phone
    sources = squash(sources_line(build_poster(ref, parse_contacts({}))))
    small = [r for r in runs if r.size < 12]
    assert small and all(squash(r.text) in sources for r in small), small[:3]
    return runs


def test_sizes_for_the_wall(ref: Referential, tmp_path: Path) -> None:
    pdf = poster(ref, FILLED)
    runs = assert_poster_sizes(
        ref, pdf, ["04 67 12 34 56", "09 70 00 00 00", "04 99 13 50 00", "06 12 34 56 78",
                   "09 72 43 91 25"]
    )  # fmt: skip
    # Short contacts leave room: the poster takes larger type than the minimum.
    assert min(r.size for r in runs if r.size > 8) > 12
    assert_inside_the_page(pdf, tmp_path, *FILLED["police"].values())


def test_first_gestures_come_before_the_steps(ref: Referential) -> None:
    text = squash(pdf_text(poster(ref, FILLED)))
    first = text.index(squash("Tout de suite"))
    gestures = [
        "Débranchez du réseau",
        "Wi-Fi coupé (mode avion). Ne les éteignez pas.",
        "Appelez votre prestataire informatique : Info Santé Services",
        "17cyber.gouv.fr",
        "Ne payez pas et ne répondez pas aux pirates.",
    ]
    positions = [text.index(squash(g)) for g in gestures]
    step_one = text.index(squash("1. Contactez immédiatement"))
    assert first < min(positions) and max(positions) < step_one


def test_one_line_of_sources_with_an_address(ref: Referential) -> None:
    pdf = poster(ref, FILLED)
    line = sources_line(build_poster(ref, parse_contacts({})))
    assert "urps-chirurgiensdentistes-oc.com" in line
    assert_contains(pdf, line)
    sources = [r for r in text_runs(pdf) if r.size < 12]
    assert len({round(r.y) for r in sources}) == 1  # one line


def test_no_cert_sante_email(ref: Referential) -> None:
    # content-facts 1c: the address is not confirmed by the ANS.
    for raw in FILLED, {}:
        assert "cert-sante@" not in pdf_text(poster(ref, raw))


def test_longest_contacts_keep_one_page_at_the_minimum_sizes(
    ref: Referential, tmp_path: Path
) -> None:
    pdf = poster(ref, LONGEST)
    assert page_count(pdf) == 1
    assert_poster_sizes(
        ref, pdf, ["+33 (0)4 67 12 34 56 78 9", "09 70 00 00 00 00 00 00 0", "09 72 43 91 25"]
    )
    values = [LONGEST["practice"], *(v for g in list(LONGEST.values())[1:] for v in g.values())]
    assert_inside_the_page(pdf, tmp_path, *values)
    assert len(render_png(pdf, tmp_path)) == 1


def test_wider_text_still_keeps_one_page(ref: Referential, tmp_path: Path) -> None:
    # 200 unbroken "W" (wider than any capital) in every field, past the form's limits: the
    # poster breaks them inside the page and takes smaller type rather than a second page.
    w = "W" * 200
    contacts = CrisisContacts(
        practice=w,
        it_provider=ITProvider(name=w, phone="0" * 200, hours=w),
        insurer=Insurer(name=w, contract=w, phone="0" * 200),
        police=Police(name=w, address=w, phone="0" * 200),
        lead=Lead(name=w, phone="0" * 200),
    )
    pdf = render_poster_pdf(build_poster(ref, contacts), timestamp=MOMENT)
    assert page_count(pdf) == 1
    assert_inside_the_page(pdf, tmp_path, w, "0" * 200)
    assert len(render_png(pdf, tmp_path)) == 1


def test_markup_characters_stay_text(ref: Referential) -> None:
    hostile = {"practice": '#set page(paper: "a5") ] [ $x$ <script> \\ *x* _y_ @z',
               "lead": {"name": "#include \"/etc/passwd\""}}  # fmt: skip
    pdf = poster(ref, hostile)
    assert_contains(pdf, hostile["practice"], '#include "/etc/passwd"')
    assert page_count(pdf) == 1


def test_deterministic(ref: Referential) -> None:
    assert poster(ref, FILLED) == poster(ref, FILLED)
