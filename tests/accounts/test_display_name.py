"""An optional display name, shown to the team instead of the e-mail address."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cyberdent.actionplan.models import ActionItem
from cyberdent.domain.people import person_label
from tests.assessments.helpers import save_diagnostic
from tests.conftest import Personas
from tests.french import fr

NAME_URL = "accounts:display_name"


def test_person_label_prefers_the_name() -> None:
    assert person_label("  Dr Martin ", "martin@example.fr") == "Dr Martin"
    assert person_label("", "martin@example.fr") == "martin@example.fr"
    assert person_label(None, None) == "Compte sans adresse"


def test_set_then_seen_by_the_team(client: Client, personas: Personas) -> None:
    p = personas
    client.force_login(p.member_a)
    response = client.post(reverse(NAME_URL), {"display_name": "Julie (accueil) 🦷"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:overview")
    p.member_a.refresh_from_db()
    assert p.member_a.first_name == "Julie (accueil) 🦷"
    overview = client.get(reverse("accounts:overview")).content.decode()
    assert "Nom affiché enregistré" in overview and 'value="Julie (accueil) 🦷"' in overview
    assert fr("Connecté·e : Julie (accueil) 🦷") in overview  # the account menu
    # The owner sees the name on the team page and in the plan's assignee list.
    diagnostic = save_diagnostic(p.practice_a, p.owner_a, backups="no")
    target = ActionItem.objects.get(diagnostic=diagnostic, action_id="act_backups")
    target.assignee = p.member_a
    target.save()
    client.force_login(p.owner_a)
    team = client.get(reverse("practices:team", kwargs={"practice_id": p.practice_a.pk}))
    assert "Julie (accueil) 🦷" in team.content.decode()
    plan = client.get(reverse("actionplan:plan", kwargs={"practice_id": p.practice_a.pk}))
    assert "Julie (accueil) 🦷" in plan.content.decode()
    update = client.get(
        reverse("actionplan:update", kwargs={"practice_id": p.practice_a.pk, "item_id": target.pk})
    ).content.decode()
    assert ">Julie (accueil) 🦷</option>" in update


def test_empty_name_falls_back_to_the_address(client: Client, personas: Personas) -> None:
    p = personas
    p.member_a.first_name = "Julie"
    p.member_a.save()
    client.force_login(p.member_a)
    page = client.post(reverse(NAME_URL), {"display_name": "   "}, follow=True).content.decode()
    assert "votre adresse e-mail est affichée" in page
    p.member_a.refresh_from_db()
    assert p.member_a.first_name == ""


@pytest.mark.parametrize("name", ["x" * 61, "a\u202eb" + "y" * 60])
def test_too_long_is_refused_and_kept(client: Client, personas: Personas, name: str) -> None:
    client.force_login(personas.member_a)
    response = client.post(reverse(NAME_URL), {"display_name": name})
    assert response.status_code == 200
    html = response.content.decode()
    assert "60 caractères au maximum" in html and 'class="error-summary"' in html
    personas.member_a.refresh_from_db()
    assert personas.member_a.first_name == ""


def test_get_is_a_friendly_405(client: Client, personas: Personas) -> None:
    client.force_login(personas.member_a)
    assert client.get(reverse(NAME_URL)).status_code == 405
