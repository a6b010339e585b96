"""Issue 9, points 1 and 9: the first gestures come first on every incident start page, each
contact shows once on /incident/, the checks sit behind one « Sources et vérifications »
disclosure, and nothing the facts file says not to print is printed (content-facts.md)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client

from cyberdent.crisis.models import CrisisProtocol
from cyberdent.domain.referential_models import Referential
from tests.documents.pdfcheck import pdf_text, squash
from tests.incidents.helpers import guide_page, start_guide

pytestmark = pytest.mark.django_db

CERT_EMAIL = "cert-sante@esante.gouv.fr"
PAGES = ["/", "/incident/", "/pourquoi-se-proteger/", "/mesures/", "/incident/guide/"]
POSTER = {"practice": "Cabinet des Lilas", "it_provider_phone": "04 67 00 00 00"}


def text_of(html: str) -> str:
    """What a reader sees: tags dropped, entities decoded, spaces of any width as one."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def every_page(client: Client) -> dict[str, str]:
    pages = {url: client.get(url).content.decode() for url in PAGES}
    pages["guide"] = guide_page(client, start_guide(client))
    return pages


def test_the_cert_sante_address_is_printed_nowhere(client: Client, ref: Referential) -> None:
    for url, html in every_page(client).items():
        assert "cert-sante@" not in html, url
    pdf = client.post("/incident/fiche-reflexe/", POSTER)
    assert pdf["Content-Type"] == "application/pdf"
    assert "cert-sante@" not in squash(pdf_text(pdf.content))
    guide_id = start_guide(client)
    dossier = client.get("/incident/guide/dossier.pdf", {"g": guide_id})
    assert dossier["Content-Type"] == "application/pdf"
    assert "cert-sante@" not in squash(pdf_text(dossier.content))
    # Not in the référentiel either: no user-facing text can pick it up again.
    assert CERT_EMAIL not in ref.model_dump_json()


def test_the_43_percent_figure_is_dropped(client: Client) -> None:
    for url, html in every_page(client).items():
        assert not re.search(r"43\s*%", text_of(html)), url


def test_the_250_figure_is_rephrased_without_the_brochure_check_in_the_text(
    client: Client,
) -> None:
    for url in ("/", "/pourquoi-se-proteger/"):
        html = client.get(url).content.decode()
        main = text_of(html.split("<main", 1)[1].split('<details class="sources"', 1)[0])
        assert "La brochure indique" not in main, url
        assert "d'après nos vérifications" not in main.replace("’", "'"), url
        assert "250 €" not in main, url
    why = text_of(client.get("/pourquoi-se-proteger/").content.decode())
    assert "0,52 € par dossier" in why


def test_the_urps_email_is_never_a_link(client: Client, ref: Referential) -> None:
    email = ref.source.publisher.email
    for url, html in every_page(client).items():
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert not [h for h in hrefs if email in h or h.startswith("mailto:contact@")], url
        assert f'href="{ref.source.publisher.website}"' in html, url


def test_one_sources_disclosure_holds_the_checks_on_the_incident_page(client: Client) -> None:
    html = client.get("/incident/").content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.count("<summary>Sources et vérifications</summary>") == 1
    assert main.count("<details") == 1
    before_sources = text_of(main.split('<details class="sources"', 1)[0])
    assert "La brochure indique" not in before_sources
    assert "d’après nos vérifications" not in before_sources
    assert "d'après nos vérifications" not in before_sources


def test_each_contact_appears_once_on_the_incident_page(client: Client, ref: Referential) -> None:
    html = client.get("/incident/").content.decode()
    for contact in ref.incident.contacts:
        assert html.count(f'id="contact-{contact.id}"') == 1, contact.id
        assert html.count(f"<h3>{contact.name}</h3>") == 1, contact.id
        if contact.phone:
            tel = "".join(ch for ch in contact.phone if ch.isdigit())
            assert html.count(f'href="tel:{tel}"') == 1, contact.id
    assert "Récapitulatif des contacts" not in html


def test_the_poster_button_is_at_the_end_of_the_incident_page(client: Client) -> None:
    html = client.get("/incident/").content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    poster = main.index('href="/incident/fiche-reflexe/"')
    assert poster > main.index("Sources et vérifications")
    assert poster > main.index('id="contacts-title"')


def first_gestures_come_first(html: str) -> str:
    """The « Tout de suite » box, checked to come before any form, question or button."""
    main = html.split("<main", 1)[1]
    box_at = main.index('class="right-now"')
    for marker in ("<form", "<fieldset", 'class="button'):
        if marker in main:
            assert box_at < main.index(marker), marker
    box = main[box_at:].split("</section>", 1)[0]
    text = text_of(box)
    assert text.index("Débranchez") < text.index("Appelez") < text.index("Ne payez pas")
    assert "Ne les éteignez pas" in text
    return box


@pytest.mark.parametrize("url", ["/incident/", "/incident/guide/"])
def test_anonymous_pages_send_to_17cyber(client: Client, url: str) -> None:
    box = first_gestures_come_first(client.get(url).content.decode())
    assert 'href="https://17cyber.gouv.fr"' in box
    assert "17cyber.gouv.fr" in text_of(box)
    assert 'href="tel:' not in box


def test_the_practice_start_page_calls_its_it_provider(client: Client, personas: Any) -> None:
    CrisisProtocol.objects.create(
        practice=personas.practice_a,
        contacts={"it_provider": {"name": "Info Santé", "phone": "04 67 12 34 56"}},
    )
    client.force_login(personas.member_a)
    url = f"/cabinet/{personas.practice_a.pk}/incidents/nouveau/"
    box = first_gestures_come_first(client.get(url).content.decode())
    assert 'href="tel:0467123456"' in box
    assert "Info Santé, 04 67 12 34 56" in text_of(box)
    assert 'href="https://17cyber.gouv.fr"' in box  # if it does not answer
    # The public page too, for a member of that one practice.
    box = first_gestures_come_first(client.get("/incident/").content.decode())
    assert 'href="tel:0467123456"' in box


def test_the_practice_start_page_without_a_protocol_sends_to_17cyber(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.member_a)
    url = f"/cabinet/{personas.practice_a.pk}/incidents/nouveau/"
    box = first_gestures_come_first(client.get(url).content.decode())
    assert 'href="tel:' not in box
    assert 'href="https://17cyber.gouv.fr"' in box
