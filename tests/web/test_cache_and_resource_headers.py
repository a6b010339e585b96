"""Cache-Control and cross-origin headers set for every response by the security middleware.

A reception computer is shared: nothing of a practice, a person, a secret or a document stays
in its browser cache or history. Public pages stay cacheable (the Back button keeps them).
The per-URL check for every practice page and role is in tests/test_isolation.py.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from tests.conftest import Personas, all_yes
from tests.web.test_poster_view import FILLED

pytestmark = pytest.mark.django_db


def test_public_pages_are_cacheable_and_same_origin_only(client: Client) -> None:
    for url in ("/", "/mesures/", "/incident/", "/diagnostic/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", url
        assert "data:" not in response["Content-Security-Policy"], url


def test_anonymous_documents_and_results_are_never_stored(client: Client) -> None:
    poster = client.post("/incident/fiche-reflexe/", FILLED)
    assert poster["Content-Type"] == "application/pdf"
    assert poster["Cache-Control"] == "no-store"
    location = client.post("/diagnostic/", all_yes(backups="no"))["Location"]
    token = parse_qs(urlparse(location).query)["r"][0]
    assert client.get(location)["Cache-Control"] == "no-store"  # the answers are in the page
    report = client.get("/diagnostic/rapport.pdf", {"r": token})
    assert report["Content-Type"] == "application/pdf"
    assert report["Cache-Control"] == "no-store"


def test_every_page_of_a_logged_in_person_is_never_stored(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    pid = personas.practice_a.pk
    for url in ("/", "/espace/", "/comptes/mon-compte/", f"/cabinet/{pid}/calendrier.ics"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url


def test_the_calendar_feed_keeps_its_own_short_private_cache(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    renew = f"/cabinet/{personas.practice_a.pk}/calendrier/lien/"
    page = client.post(renew, follow=True).content.decode()
    link = page.split("/calendrier/")[1].split(".ics")[0]
    feed = Client().get(f"/calendrier/{link}.ics")  # a calendar app: no session, no cookie
    assert feed.status_code == 200
    assert feed["Cache-Control"] == "private, max-age=900"
