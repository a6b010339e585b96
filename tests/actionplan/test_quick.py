"""One tap from the plan page: À faire / En cours / Fait, and a new date for a late action.
Everything else of the tracking stays; a refused date shows the update page with what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cyberdent.actionplan.models import ActionItem
from tests.actionplan.conftest import SaveDiagnostic, item
from tests.conftest import Personas


def quick_url(item_obj: ActionItem) -> str:
    return reverse(
        "actionplan:quick",
        kwargs={"practice_id": item_obj.diagnostic.practice_id, "item_id": item_obj.pk},
    )


def plan_url(item_obj: ActionItem) -> str:
    return reverse("actionplan:plan", kwargs={"practice_id": item_obj.diagnostic.practice_id})


@pytest.fixture
def tracked(personas: Personas, save_diagnostic: SaveDiagnostic) -> ActionItem:
    target = item(save_diagnostic(personas.practice_a, backups="no"), "act_backups")
    target.assignee, target.note = personas.member_a, "Disque commandé"
    target.due_date = timezone.localdate() - dt.timedelta(days=2)  # late
    target.save()
    return target


def test_the_plan_page_has_three_status_buttons_and_a_new_date_for_a_late_action(
    client: Client, personas: Personas, tracked: ActionItem
) -> None:
    client.force_login(personas.member_a)
    html = client.get(plan_url(tracked)).content.decode()
    assert html.count(f'action="{quick_url(tracked)}"') == 2
    for value, label in (("todo", "À faire"), ("in_progress", "En cours"), ("done", "Fait")):
        assert f'name="status" value="{value}"' in html and label in html
    assert 'value="todo" class="status-button status-todo" aria-pressed="true"' in html
    assert "Changer la date" in html


def test_one_tap_changes_the_status_only_and_comes_back_to_the_action(
    client: Client, personas: Personas, tracked: ActionItem
) -> None:
    client.force_login(personas.member_a)
    response = client.post(quick_url(tracked), {"status": "in_progress"})
    assert response.status_code == 302
    assert response["Location"] == plan_url(tracked) + "#act_backups"
    before_due = tracked.due_date
    tracked.refresh_from_db()
    assert (tracked.status, tracked.assignee, tracked.note, tracked.due_date) == (
        "in_progress",
        personas.member_a,
        "Disque commandé",
        before_due,  # a date already past stays as it was: only the status changed
    )
    page = client.get(response["Location"]).content.decode()
    assert "Suivi enregistré" in page


def test_done_in_one_tap_says_bravo(
    client: Client, personas: Personas, tracked: ActionItem
) -> None:
    client.force_login(personas.member_a)
    page = client.post(quick_url(tracked), {"status": "done"}, follow=True).content.decode()
    assert "Bravo" in page
    tracked.refresh_from_db()
    assert tracked.status == "done"


def test_a_late_action_is_re_dated(client: Client, personas: Personas, tracked: ActionItem) -> None:
    client.force_login(personas.member_a)
    new = timezone.localdate() + dt.timedelta(days=14)
    response = client.post(quick_url(tracked), {"due_date": new.isoformat()})
    assert response.status_code == 302
    tracked.refresh_from_db()
    assert (tracked.due_date, tracked.status, tracked.note) == (new, "todo", "Disque commandé")
    assert "en retard" not in client.get(plan_url(tracked)).content.decode()


def test_a_past_date_is_refused_and_kept_on_the_full_page(
    client: Client, personas: Personas, tracked: ActionItem
) -> None:
    client.force_login(personas.member_a)
    past = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(quick_url(tracked), {"due_date": past.isoformat()})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'value="{past.isoformat()}"' in html
    assert "Disque commandé" in html  # the note is on the page, untouched
    before = tracked.due_date
    tracked.refresh_from_db()
    assert tracked.due_date == before


@pytest.mark.parametrize("data", [{}, {"status": "finished"}, {"due_date": "demain"}])
def test_bad_input_never_500s(
    client: Client, personas: Personas, tracked: ActionItem, data: dict[str, str]
) -> None:
    client.force_login(personas.member_a)
    response = client.post(quick_url(tracked), data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    tracked.refresh_from_db()
    assert tracked.status == "todo"
