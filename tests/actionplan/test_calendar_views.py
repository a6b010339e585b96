"""The calendar page, the .ics download, and the secret feed link (create, renew, revoke)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cyberdent.actionplan.models import ActionItem, CalendarFeed
from cyberdent.actionplan.services import feed_token_hash
from cyberdent.audit.models import AuditEvent
from tests.actionplan.conftest import SaveDiagnostic, item
from tests.conftest import Personas
from tests.french import fr


def url(name: str, practice_id: int) -> str:
    return reverse(f"actionplan:{name}", kwargs={"practice_id": practice_id})


def feed_url(token: str) -> str:
    return reverse("actionplan:feed", kwargs={"token": token})


def _token_from(html: str) -> str:
    match = re.search(
        r'id="feed-url" class="feed-url" value="http://testserver/calendrier/([^"]+)\.ics"', html
    )
    assert match, "the new link is shown once"
    return match.group(1)


def _parse(body: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(body)
    return {str(e["UID"]).split("-")[0]: e for e in calendar.walk("VEVENT")}


@pytest.fixture
def dated_plan(personas: Personas, save_diagnostic: SaveDiagnostic) -> ActionItem:
    diagnostic = save_diagnostic(personas.practice_a, backups="no", mfa="no")
    backups = item(diagnostic, "act_backups")
    backups.due_date = timezone.localdate() + dt.timedelta(days=20)
    backups.save()
    mfa = item(diagnostic, "act_mfa")  # done: no event
    mfa.due_date, mfa.status = timezone.localdate() + dt.timedelta(days=5), "done"
    mfa.save()
    return backups


# --- The .ics download


@pytest.mark.parametrize("who", ["owner_a", "member_a", "provider_a"])
def test_every_member_downloads_the_ics(
    client: Client, personas: Personas, dated_plan: ActionItem, who: str
) -> None:
    client.force_login(getattr(personas, who))
    response = client.get(url("ics", personas.practice_a.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="cyberdent-rappels-cabinet-des-lilas.ics"'
    )
    calendar = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    pid = personas.practice_a.pk
    assert set(events) == {
        f"update-slot-{pid}@cyberdent",
        f"backup-test-{pid}@cyberdent",
        f"rediagnostic-{pid}@cyberdent",
        f"phishing-training-{pid}@cyberdent",
        f"action-{pid}-act-backups@cyberdent",
    }
    slot = events[f"update-slot-{pid}@cyberdent"]
    assert slot["DTSTART"].params["TZID"] == "Europe/Paris"
    assert slot["DTSTART"].dt.time() == dt.time(12, 30)  # the practice's default slot
    assert slot["DTSTART"].dt.weekday() == 4  # Friday
    assert slot["RRULE"]["FREQ"] == ["WEEKLY"]
    assert events[f"backup-test-{pid}@cyberdent"]["RRULE"]["BYDAY"] == ["1FR"]
    action = events[f"action-{pid}-act-backups@cyberdent"]
    assert str(action["SUMMARY"]) == "Mettre en place des sauvegardes automatiques et les tester"
    assert action["DTSTART"].dt == dated_plan.due_date
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"


def test_ics_follows_the_practice_update_slot(client: Client, personas: Personas) -> None:
    practice = personas.practice_a
    practice.update_weekday, practice.update_time = 1, dt.time(8, 15)  # Tuesday 8:15
    practice.save()
    client.force_login(personas.member_a)
    body = client.get(url("ics", practice.pk)).content
    assert b"RRULE:FREQ=WEEKLY;BYDAY=TU" in body
    assert b"RRULE:FREQ=MONTHLY;BYDAY=1TU" in body
    slot = Calendar.from_ical(body).walk("VEVENT")[0]
    assert slot["DTSTART"].dt.time() == dt.time(8, 15)
    assert b"rediagnostic" not in body  # no diagnostic yet


def test_ics_refuses_strangers_and_anonymous(client: Client, personas: Personas) -> None:
    target = url("ics", personas.practice_a.pk)
    assert client.get(target).status_code == 302
    client.force_login(personas.owner_b)
    assert client.get(target).status_code == 404


# --- The calendar page


def test_calendar_page_explains_and_links_the_download(
    client: Client, personas: Personas, dated_plan: ActionItem
) -> None:
    client.force_login(personas.member_a)
    response = client.get(url("calendar", personas.practice_a.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert url("ics", personas.practice_a.pk) in html
    for app in ("Google Agenda", "Outlook", "Apple Calendrier"):
        assert app in html
    assert "chaque vendredi à 12\u00a0h\u00a030" in html
    assert "Mettre en place des sauvegardes automatiques" in html
    # A member sees no feed management.
    assert "Seul le titulaire du cabinet peut créer le lien" in html
    assert url("feed_renew", personas.practice_a.pk) not in html


def test_owner_sees_the_feed_buttons(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    html = client.get(url("calendar", personas.practice_a.pk)).content.decode()
    assert fr("Créer un lien d'abonnement") in html
    assert "Révoquer le lien" not in html


def test_calendar_page_refuses_strangers_and_anonymous(client: Client, personas: Personas) -> None:
    target = url("calendar", personas.practice_a.pk)
    assert client.get(target).status_code == 302
    client.force_login(personas.owner_b)
    assert client.get(target).status_code == 404


# --- The secret feed


def test_owner_creates_a_feed_shown_once_and_it_works_without_login(
    client: Client, personas: Personas, dated_plan: ActionItem
) -> None:
    p = personas
    client.force_login(p.owner_a)
    response = client.post(url("feed_renew", p.practice_a.pk))
    assert (response.status_code, response["Location"]) == (302, url("calendar", p.practice_a.pk))
    shown = client.get(response["Location"])
    assert shown["Cache-Control"] == "no-store"
    token = _token_from(shown.content.decode())
    # A reload shows the same link again: it renews nothing.
    assert _token_from(client.get(url("calendar", p.practice_a.pk)).content.decode()) == token
    other = Client()
    other.force_login(p.owner_a)
    assert token not in other.get(url("calendar", p.practice_a.pk)).content.decode()
    session = client.session
    session.pop("shown_once.calendar_feed")
    session.save()
    assert len(token) >= 43
    feed = CalendarFeed.objects.get(practice=p.practice_a)
    assert feed.token_hash == feed_token_hash(token) and token not in feed.token_hash
    assert AuditEvent.objects.filter(kind="calendar_token", practice=p.practice_a).count() == 1
    # Afterwards the page only says that a link exists.
    page = client.get(url("calendar", p.practice_a.pk)).content.decode()
    assert token not in page
    assert fr("Un lien d'abonnement existe (créé le") in page
    assert "Renouveler le lien" in page and "Révoquer le lien" in page
    # The feed answers anyone holding the link, with the same calendar.
    anonymous = Client()
    feed_response = anonymous.get(feed_url(token))
    assert feed_response.status_code == 200
    assert feed_response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _parse(feed_response.content)
    assert set(events) == {"update", "backup", "rediagnostic", "phishing", "action"}


def test_renewing_kills_the_old_link_and_revoking_kills_the_new(
    client: Client, personas: Personas
) -> None:
    p = personas
    client.force_login(p.owner_a)
    first = _token_from(
        client.post(url("feed_renew", p.practice_a.pk), follow=True).content.decode()
    )
    second_page = client.post(url("feed_renew", p.practice_a.pk), follow=True).content.decode()
    second = _token_from(second_page)
    assert first != second
    anonymous = Client()
    assert anonymous.get(feed_url(first)).status_code == 404
    assert anonymous.get(feed_url(second)).status_code == 200
    response = client.post(url("feed_revoke", p.practice_a.pk), follow=True)
    assert fr("Le lien d&#x27;abonnement est révoqué") in response.content.decode()
    assert second not in response.content.decode()  # a revoked link is no longer shown
    assert anonymous.get(feed_url(second)).status_code == 404
    assert not CalendarFeed.objects.filter(practice=p.practice_a).exists()
    details = list(
        AuditEvent.objects.filter(kind="calendar_token")
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == [
        fr("Lien d'abonnement au calendrier créé"),
        fr("Lien d'abonnement au calendrier renouvelé"),
        fr("Lien d'abonnement au calendrier révoqué"),
    ]


@pytest.mark.parametrize("token", ["inconnu", "a" * 43, "x" * 500, "..%2F"])
def test_an_unknown_token_is_not_found(client: Client, db: None, token: str) -> None:
    assert client.get(f"/calendrier/{token}.ics").status_code == 404


@pytest.mark.parametrize("who", ["member_a", "provider_a"])
def test_only_the_owner_manages_the_feed(client: Client, personas: Personas, who: str) -> None:
    client.force_login(getattr(personas, who))
    assert client.post(url("feed_renew", personas.practice_a.pk)).status_code == 403
    assert client.post(url("feed_revoke", personas.practice_a.pk)).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_strangers_cannot_manage_the_feed(client: Client, personas: Personas) -> None:
    renew = url("feed_renew", personas.practice_a.pk)
    assert client.post(renew).status_code == 302  # anonymous: to the login page
    client.force_login(personas.owner_b)
    assert client.post(renew).status_code == 404
    assert client.post(url("feed_revoke", personas.practice_a.pk)).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_feed_changes_are_post_only(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    assert client.get(url("feed_renew", personas.practice_a.pk)).status_code == 405
    assert client.get(url("feed_revoke", personas.practice_a.pk)).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_revoking_without_a_link_says_so(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.post(url("feed_revoke", personas.practice_a.pk), follow=True)
    assert fr("Il n&#x27;y avait pas de lien") in response.content.decode()
    assert not AuditEvent.objects.filter(kind="calendar_token").exists()
