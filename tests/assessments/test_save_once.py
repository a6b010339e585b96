"""A saved diagnostic never rolls the practice back by accident (issue: a bookmarked result
saved again became the latest, dated today, and the plan's tracking was lost)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from cyberdent.actionplan.models import ActionItem
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.diagnostic.tokens import SALT, encode_answers
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.loader import default_referential
from tests.conftest import Personas, all_yes
from tests.french import fr

SAVE = "/espace/enregistrer/"
pytestmark = pytest.mark.django_db


def token_at(moment: dt.datetime, **overrides: str) -> str:
    ref = default_referential()
    return encode_answers(ref, parse_answers(ref, all_yes(**overrides)), at=moment)


def save(client: Client, token: str, practice: int, **extra: str) -> object:
    return client.post(f"{SAVE}?r={token}", {"r": token, "practice": practice, **extra})


def test_a_result_link_is_saved_once_per_practice(client: Client, personas: Personas) -> None:
    location = client.post("/diagnostic/", all_yes(backups="no"))["Location"]
    token = parse_qs(urlparse(location).query)["r"][0]
    client.force_login(personas.owner_a)
    first = save(client, token, personas.practice_a.pk)
    assert first.status_code == 302
    saved = SavedDiagnostic.objects.get(practice=personas.practice_a)
    again = client.post(
        f"{SAVE}?r={token}", {"r": token, "practice": personas.practice_a.pk}, follow=True
    )
    page = again.content.decode()
    assert SavedDiagnostic.objects.filter(practice=personas.practice_a).count() == 1
    assert fr("déjà enregistré dans « Cabinet des Lilas »") in page
    assert (
        again.redirect_chain[-1][0] == f"/cabinet/{personas.practice_a.pk}/diagnostics/{saved.pk}/"
    )
    # The save page itself says so, with a link, before anything is pressed.
    page = client.get(SAVE, {"r": token}).content.decode()
    assert "Déjà enregistré" in page and f"/diagnostics/{saved.pk}/" in page


def test_a_saved_diagnostic_is_dated_by_its_answers(client: Client, personas: Personas) -> None:
    answered = timezone.now() - dt.timedelta(days=3)
    client.force_login(personas.owner_a)
    assert save(client, token_at(answered), personas.practice_a.pk).status_code == 302
    saved = SavedDiagnostic.objects.get(practice=personas.practice_a)
    assert abs(saved.created_at - answered) < dt.timedelta(seconds=1)
    assert saved.saved_at is not None and saved.saved_at > saved.created_at


def test_an_older_result_asks_first_and_never_replaces_the_current_plan(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    now = timezone.now()
    assert save(client, token_at(now - dt.timedelta(days=1), backups="no"), personas.practice_a.pk)
    current = SavedDiagnostic.objects.get(practice=personas.practice_a)
    item = current.action_items.order_by("id").first()
    assert item is not None
    item.status, item.note = ActionItem.Status.IN_PROGRESS, "Disque commandé"
    item.save()
    old = token_at(now - dt.timedelta(days=30), backups="no", passwords="no")
    asked = save(client, old, personas.practice_a.pk)
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "plus ancien que le dernier diagnostic" in page and 'name="confirm_older"' in page
    assert SavedDiagnostic.objects.filter(practice=personas.practice_a).count() == 1
    confirmed = save(client, old, personas.practice_a.pk, confirm_older="1")
    assert confirmed.status_code == 302
    assert SavedDiagnostic.objects.filter(practice=personas.practice_a).count() == 2
    # The latest is still the current one, and its tracking is as it was.
    assert SavedDiagnostic.objects.filter(practice=personas.practice_a).first() == current
    item.refresh_from_db()
    assert (item.status, item.note) == (ActionItem.Status.IN_PROGRESS, "Disque commandé")
    assert ActionItem.objects.filter(diagnostic=current).count() == current.action_items.count()


def test_an_old_link_without_a_time_or_id_is_still_saved_once(
    client: Client, personas: Personas
) -> None:
    ref = default_referential()
    token = signing.dumps({"ref": ref.id, "a": all_yes()}, salt=SALT, compress=True)
    client.force_login(personas.owner_a)
    assert save(client, token, personas.practice_a.pk).status_code == 302
    assert save(client, token, personas.practice_a.pk).status_code == 302
    assert SavedDiagnostic.objects.filter(practice=personas.practice_a).count() == 1
