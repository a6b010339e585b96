"""The public pages: home, why protect, measures, incident; layout, headers, errors."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cyberdent.domain.referential_models import Referential
from tests.french import fr

PAGES = ["/", "/pourquoi-se-proteger/", "/mesures/", "/incident/", "/diagnostic/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_incident_link_and_the_urps_footer(
    client: Client, url: str, ref: Referential
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert re.search('href="/incident/"[^>]*>Victime d’une cyberattaque\u202f[?]</a>', html)
    assert ref.source.publisher.phone in html
    assert ref.source.publisher.address in html


@pytest.mark.parametrize("url", PAGES)
def test_security_headers(client: Client, url: str) -> None:
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_request_to_another_host(client: Client) -> None:
    for url in PAGES:
        html = client.get(url).content.decode()
        for attribute in ('src="http', 'href="//', 'src="//'):
            assert attribute not in html, url
        assert "<link" in html and 'href="/static/' in html


def test_home_gives_the_three_ways_in(client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'href="/diagnostic/">Faire le diagnostic\u00a0— 5\u00a0minutes, sans compte</a>' in html
    assert fr('href="/pourquoi-se-proteger/">Pourquoi se protéger ?</a>') in html
    assert 'href="/incident/">En cas d’incident</a>' in html


def test_why_protect_shows_the_brochure_sections(client: Client, ref: Referential) -> None:
    html = client.get("/pourquoi-se-proteger/").content.decode()
    for section in ref.why_protect:
        assert section.title.replace("'", "&#x27;") in html
    assert "<summary>Sources et vérifications</summary>" in html


def test_incident_page_shows_the_protocol_in_order_with_contacts(
    client: Client, ref: Referential
) -> None:
    html = client.get("/incident/").content.decode()
    positions = [html.index(f'id="{step.id}"') for step in ref.incident.steps]
    assert positions == sorted(positions)
    assert "09 72 43 91 25" in html
    assert "https://signalement.social-sante.gouv.fr" in html
    assert "72 heures" in html


def test_measures_page_lists_the_eight_measures(client: Client, ref: Referential) -> None:
    html = client.get("/mesures/").content.decode()
    assert html.count('class="prose measure"') == 8


def test_unknown_url_is_a_french_404(client: Client, settings: object) -> None:
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_post_to_a_read_only_page_is_refused(client: Client) -> None:
    assert client.post("/incident/").status_code == 405
