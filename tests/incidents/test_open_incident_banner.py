"""The open incident's banner on every practice page (practices/_practice_header.html):
« Incident en cours depuis le … à 14 h 30 » with a link to take it up again; gone once the
incident is closed; never seen by someone of another practice (who gets a 404 anyway)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import timezone

from cyberdent.domain.incident import PARIS
from cyberdent.incidents.templatetags.incident_nav import moment_label
from tests.conftest import Personas
from tests.incidents.helpers import make_incident

pytestmark = pytest.mark.django_db

BANNER = 'class="incident-banner"'
DISCOVERED = dt.datetime(2026, 3, 28, 14, 30, tzinfo=PARIS)


def practice_pages(pid: int) -> list[str]:
    """Practice pages of several apps: dashboard, plan, team, crisis protocol, incidents list."""
    return [
        f"/cabinet/{pid}/",
        f"/cabinet/{pid}/plan/",
        f"/cabinet/{pid}/equipe/",
        f"/cabinet/{pid}/protocole/",
        f"/cabinet/{pid}/incidents/",
    ]


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def test_an_open_incident_shows_on_every_practice_page(client: Client, personas: Personas) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a, discovered_at=DISCOVERED)
    client.force_login(personas.member_a)
    detail = f"/cabinet/{personas.practice_a.pk}/incidents/{incident.pk}/"
    for url in practice_pages(personas.practice_a.pk):
        html = page(client, url)
        assert html.count(BANNER) == 1, url
        assert "Incident en cours depuis le 28 mars 2026 à 14 h 30" in html, url
        assert f'<a class="button" href="{detail}">Reprendre l’incident</a>' in html, url


def test_no_banner_once_the_incident_is_closed(client: Client, personas: Personas) -> None:
    make_incident(personas.practice_a, personas.owner_a, closed_at=timezone.now())
    client.force_login(personas.owner_a)
    for url in practice_pages(personas.practice_a.pk):
        assert BANNER not in page(client, url), url


def test_no_banner_without_any_incident(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    assert BANNER not in page(client, f"/cabinet/{personas.practice_a.pk}/")


def test_another_practice_never_sees_it(client: Client, personas: Personas) -> None:
    make_incident(personas.practice_a, personas.owner_a)
    client.force_login(personas.owner_b)
    for url in practice_pages(personas.practice_a.pk):
        assert client.get(url).status_code == 404, url
    for url in practice_pages(personas.practice_b.pk):
        assert BANNER not in page(client, url), url


def test_not_repeated_on_the_incident_s_own_page(client: Client, personas: Personas) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client.force_login(personas.owner_a)
    html = page(client, f"/cabinet/{personas.practice_a.pk}/incidents/{incident.pk}/")
    assert BANNER not in html


def test_two_open_incidents_link_the_latest_and_the_list(
    client: Client, personas: Personas
) -> None:
    pid = personas.practice_a.pk
    make_incident(personas.practice_a, personas.owner_a, discovered_at=DISCOVERED)
    latest = make_incident(
        personas.practice_a, personas.owner_a, discovered_at=DISCOVERED + dt.timedelta(days=1)
    )
    client.force_login(personas.owner_a)
    html = page(client, f"/cabinet/{pid}/")
    assert "depuis le 29 mars 2026 à 14 h 30" in html
    assert f'href="/cabinet/{pid}/incidents/{latest.pk}/">Reprendre' in html
    assert f'<a href="/cabinet/{pid}/incidents/">Voir tous les incidents en cours</a>' in html


def test_the_banner_costs_one_query(personas: Personas, django_assert_num_queries: Any) -> None:
    make_incident(personas.practice_a, personas.owner_a)
    template = Template(
        "{% load incident_nav %}{% open_incident practice as b %}{% if b %}{{ b.url }}{% endif %}"
    )
    with django_assert_num_queries(1):
        out = template.render(Context({"practice": personas.practice_a}))
    assert "/incidents/" in out


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        (dt.datetime(2026, 3, 1, 9, 5, tzinfo=PARIS), "1er mars 2026 à 9 h 05"),
        (dt.datetime(2026, 7, 14, 12, 0, tzinfo=dt.UTC), "14 juillet 2026 à 14 h 00"),
    ],
)
def test_the_moment_is_in_paris_time_in_french(moment: dt.datetime, label: str) -> None:
    class Discovered:
        discovered_at = moment

    assert moment_label(Discovered()) == label  # type: ignore[arg-type]
