"""The deadline cards tell the truth: the complaint clock for attacks only, the CNIL card once
notification is not required, a discovery time the spring change skips, the sentence on a
deadline's moved hour, and what the page's script needs (time-left.js)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cyberdent.domain.incident import PARIS, STATUS_LABELS, DeadlineStatus
from cyberdent.incidents.models import Incident
from tests.french import fr
from tests.incidents.helpers import act, guide_page, make_incident, start_data, start_guide

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def text(page: str) -> str:
    """The page's text as read: entities decoded, no-break spaces as spaces."""
    return unescape(page).replace(NBSP, " ")


def cards(page: str) -> str:
    match = re.search(r'<section class="deadlines".*?</section>', page, re.S)
    assert match is not None, "no deadline cards"
    return match.group(0)


def test_a_skipped_spring_time_is_refused_on_the_time_field(client: Client) -> None:
    data = start_data(discovered_date="2026-03-29", discovered_time="02:30")
    response = client.post("/incident/guide/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert fr("Cette heure n’existe pas le 29 mars : les horloges passent de 2 h à 3 h") in text(
        page
    )
    # On the time field, with what was typed kept.
    assert re.search(r'id="id_discovered_time"[^>]*aria-invalid="true"', page) or re.search(
        r'aria-invalid="true"[^>]*id="id_discovered_time"', page
    )
    assert 'value="02:30"' in page and 'value="2026-03-29"' in page


def test_a_repeated_autumn_time_is_read_as_summer_time(personas: Any) -> None:
    client = Client()
    client.force_login(personas.owner_a)
    data = start_data(discovered_date="2026-10-25", discovered_time="02:30", patient_data="no")
    response = client.post(f"/cabinet/{personas.practice_a.pk}/incidents/nouveau/", data)
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.discovered_at == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)


def test_a_lost_device_gets_advice_not_a_countdown(client: Client) -> None:
    page = guide_page(client, start_guide(client, kind="device_lost", patient_data="no"))
    shown = text(cards(page))
    assert "Pas de délai de 72 heures pour ce type d’incident" in shown
    assert "En cas de vol, une plainte est recommandée" in shown
    assert "Il reste" not in shown
    assert "data-deadline" not in cards(page)


def test_ransomware_keeps_the_countdown_for_the_script(client: Client) -> None:
    page = guide_page(client, start_guide(client, patient_data="no"))
    shown = cards(page)
    assert "Il reste" in text(shown)
    assert re.search(r'data-deadline="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"', shown)
    assert re.search(r'<script src="[^"]*incidents/time-left[^"]*\.js" defer>', shown)
    # The script switches the status with the server's own words.
    assert f'data-soon-label="{STATUS_LABELS[DeadlineStatus.SOON]}"' in shown
    assert STATUS_LABELS[DeadlineStatus.OVERDUE] in text(shown)
    assert "à jour le temps restant" in page  # without JavaScript, a button or a reload
    assert "<script>" not in page  # nothing inline: the CSP forbids it


def test_cnil_not_required_stops_the_cnil_clock(client: Client) -> None:
    old = timezone.now() - dt.timedelta(days=4)
    guide_id = start_guide(client, moment=old, patient_data="yes")
    assert "raisons du retard" in guide_page(client, guide_id)
    response = act(client, guide_id, "decision", risk="unlikely", exemption="none")
    assert response.status_code == 302
    shown = text(cards(guide_page(client, guide_id)))
    assert fr("Non obligatoire d’après vos réponses ; documentez la violation en interne") in shown
    assert "Notifiez la CNIL quand même" not in shown
    assert "raisons du retard" not in shown
    assert "Déposez plainte quand même" in shown  # the complaint clock still counts


def _last_autumn_change() -> dt.date:
    """The last Sunday of October at least a few days ago."""
    today = timezone.now().astimezone(PARIS).date()
    year = today.year if today >= dt.date(today.year, 10, 29) else today.year - 1
    day = dt.date(year, 10, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def test_the_card_explains_an_hour_moved_by_the_clock_change(personas: Any) -> None:
    change = _last_autumn_change()
    discovered = dt.datetime.combine(change - dt.timedelta(days=2), dt.time(10, 0), PARIS)
    incident = make_incident(personas.practice_a, personas.owner_a, discovered_at=discovered)
    client = Client()
    client.force_login(personas.owner_a)
    page = client.get(f"/cabinet/{personas.practice_a.pk}/incidents/{incident.pk}/")
    shown = text(cards(page.content.decode()))
    assert (
        fr(
            f"Le passage à l’heure d’hiver le {change.day} octobre décale l’heure affichée : "
            "72 heures après 10 h 00 font 9 h 00."
        )
        in shown
    )


def test_no_clock_note_without_a_change(personas: Any) -> None:
    discovered = dt.datetime(2026, 11, 2, 10, 0, tzinfo=PARIS)
    incident = make_incident(personas.practice_a, personas.owner_a, discovered_at=discovered)
    client = Client()
    client.force_login(personas.owner_a)
    page = client.get(f"/cabinet/{personas.practice_a.pk}/incidents/{incident.pk}/")
    shown = cards(page.content.decode())
    assert "Délai dépassé" in shown
    assert "clock-note" not in shown and "passage à l’heure" not in text(shown)
