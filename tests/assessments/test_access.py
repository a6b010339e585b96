"""Every saved-diagnostics page against every persona: who sees what, who is refused how."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from tests.assessments.helpers import save_diagnostic
from tests.conftest import Personas

VIEW_PAGES = ["history", "detail", "compare"]
ALL_PAGES = [*VIEW_PAGES, "new"]


def url_of(page: str, practice_id: int, diagnostic_id: int) -> str:
    base = f"/cabinet/{practice_id}/diagnostics/"
    return {
        "history": base,
        "detail": f"{base}{diagnostic_id}/",
        "compare": f"{base}comparer/",
        "new": f"{base}nouveau/",
    }[page]


@pytest.fixture
def diagnostic_a(personas: Personas):
    return save_diagnostic(personas.practice_a, personas.owner_a, backups="no")


def test_owner_and_provider_see_every_page(
    client: Client, personas: Personas, diagnostic_a
) -> None:
    for user in (personas.owner_a, personas.provider_a):
        client.force_login(user)
        for page in ALL_PAGES:
            response = client.get(url_of(page, personas.practice_a.pk, diagnostic_a.pk))
            assert response.status_code == 200, (user, page)


def test_member_sees_the_diagnostics(client: Client, personas: Personas, diagnostic_a) -> None:
    client.force_login(personas.member_a)
    for page in VIEW_PAGES:
        response = client.get(url_of(page, personas.practice_a.pk, diagnostic_a.pk))
        assert response.status_code == 200, page


def test_member_may_not_fill_a_diagnostic(client: Client, personas: Personas, diagnostic_a) -> None:
    client.force_login(personas.member_a)
    url = url_of("new", personas.practice_a.pk, diagnostic_a.pk)
    assert client.get(url).status_code == 403
    assert client.post(url, {"passwords": "yes"}).status_code == 403
    assert personas.practice_a.diagnostics.count() == 1


def test_a_stranger_gets_404(client: Client, personas: Personas, diagnostic_a) -> None:
    own = save_diagnostic(personas.practice_b, personas.owner_b)
    client.force_login(personas.owner_b)
    for page in ALL_PAGES:
        for diagnostic_id in (diagnostic_a.pk, own.pk):
            url = url_of(page, personas.practice_a.pk, diagnostic_id)
            assert client.get(url).status_code == 404, url
    assert client.post(url_of("new", personas.practice_a.pk, 0), {}).status_code == 404


def test_another_practice_diagnostic_id_in_my_practice_url_is_404(
    client: Client, personas: Personas, diagnostic_a
) -> None:
    other = save_diagnostic(personas.practice_b, personas.owner_b)
    base = f"/cabinet/{personas.practice_a.pk}/diagnostics/"
    client.force_login(personas.owner_a)
    assert client.get(f"{base}{other.pk}/").status_code == 404
    assert client.get(f"{base}999999/").status_code == 404
    # owner_b with their own diagnostic id, but in practice A's URL: still 404.
    client.force_login(personas.owner_b)
    assert client.get(f"{base}{other.pk}/").status_code == 404


def test_anonymous_is_sent_to_login(client: Client, personas: Personas, diagnostic_a) -> None:
    for page in ALL_PAGES:
        url = url_of(page, personas.practice_a.pk, diagnostic_a.pk)
        response = client.get(url)
        assert response.status_code == 302
        location = urlparse(response["Location"])
        assert location.path == "/comptes/login/"
        assert parse_qs(location.query)["next"] == [url]


def test_changes_are_post_only_and_other_methods_refused(
    client: Client, personas: Personas, diagnostic_a
) -> None:
    client.force_login(personas.owner_a)
    base = f"/cabinet/{personas.practice_a.pk}/diagnostics/"
    for url in (base, f"{base}{diagnostic_a.pk}/", f"{base}comparer/"):
        assert client.post(url, {}).status_code == 405
    assert client.delete(f"{base}nouveau/").status_code == 405
