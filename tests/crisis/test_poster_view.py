"""/cabinet/<id>/protocole/fiche-reflexe.pdf: the one-page poster with the practice's contacts."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from tests.assessments.helpers import login_url
from tests.conftest import Personas
from tests.crisis.helpers import CONTACTS, protocol_url, save_protocol
from tests.documents.pdfcheck import assert_contains, page_count, pdf_text, squash

FILLED = [
    value for group in CONTACTS.values() if isinstance(group, dict) for value in group.values()
]


def poster_url(personas: Personas) -> str:
    return protocol_url(personas.practice_a, "fiche-reflexe.pdf")


def test_the_poster_holds_every_contact_on_one_page(client: Client, personas: Personas) -> None:
    save_protocol(personas.practice_a, personas.owner_a)
    client.force_login(personas.member_a)
    response = client.get(poster_url(personas))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    today = dt.date.today()
    assert response["Content-Disposition"] == (
        f'attachment; filename="fiche-reflexe-cabinet-des-lilas-{today:%Y-%m-%d}.pdf"'
    )
    pdf = response.content
    assert page_count(pdf) == 1
    assert_contains(pdf, "Cabinet des Lilas", *FILLED)
    assert_contains(pdf, "Ne payez pas", "17Cyber", "CNIL")


def test_an_empty_protocol_still_gives_a_poster_with_the_name(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.provider_a)
    pdf = client.get(poster_url(personas)).content
    assert page_count(pdf) == 1
    assert_contains(pdf, "Cabinet des Lilas", "(à compléter)")


def test_the_contacts_own_name_wins(client: Client, personas: Personas) -> None:
    save_protocol(personas.practice_a, personas.owner_a, practice="Centre dentaire des Lilas")
    client.force_login(personas.owner_a)
    assert_contains(client.get(poster_url(personas)).content, "Centre dentaire des Lilas")


def test_markup_and_long_values_stay_text_on_one_page(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    hostile = '<script>x</script> #set page(paper: "a5") [*bold*] $x$ \\ @ref'
    long_name = "Prestataire " + "très " * 20
    data = {
        "practice": hostile,
        "it_provider_name": long_name[:120],
        "police_address": "y" * 200,
        "lead_name": '#import "evil.typ"',
    }
    response = client.post(protocol_url(personas.practice_a, "modifier/"), data)
    assert response.status_code == 302
    pdf = client.get(poster_url(personas)).content
    assert page_count(pdf) == 1
    assert_contains(pdf, hostile, '#import "evil.typ"')
    assert squash("y" * 200) in squash(pdf_text(pdf))


def test_stranger_404_and_anonymous_login(client: Client, personas: Personas) -> None:
    url = poster_url(personas)
    client.force_login(personas.owner_b)
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == login_url(url)


def test_the_longest_accepted_contacts_stay_on_one_page(client: Client, personas: Personas) -> None:
    longest = {
        "practice": "P" * 120,
        "it_provider": {"name": "N " * 60, "phone": "+33 (0)4 67 00 00 00 0000", "hours": "h" * 80},
        "insurer": {"name": "I" * 120, "contract": "C" * 60, "phone": "01" * 12},
        "police": {"name": "G " * 60, "address": "A " * 100, "phone": "04 " * 8},
        "lead": {"name": "L" * 120, "phone": "06 12 34 56 78"},
    }
    save_protocol(personas.practice_a, personas.owner_a, **longest)
    client.force_login(personas.owner_a)
    pdf = client.get(poster_url(personas)).content
    assert page_count(pdf) == 1
    assert_contains(pdf, "P" * 120, "I" * 120, "L" * 120, "C" * 60)
