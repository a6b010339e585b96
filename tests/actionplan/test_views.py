"""The plan page and the page to update one action: every persona, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cyberdent.actionplan.models import ActionItem
from tests.actionplan.conftest import SaveDiagnostic, item
from tests.conftest import Personas
from tests.french import fr

TODAY = timezone.localdate


def plan_url(practice_id: int) -> str:
    return reverse("actionplan:plan", kwargs={"practice_id": practice_id})


def update_url(practice_id: int, item_id: int) -> str:
    return reverse("actionplan:update", kwargs={"practice_id": practice_id, "item_id": item_id})


def new_diagnostic_exists() -> bool:
    try:
        reverse("assessments:new", kwargs={"practice_id": 1})
    except NoReverseMatch:
        return False
    return True


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {"status": "in_progress", "assignee": "", "due_date": "", "note": ""}
    data.update(overrides)
    return data


# --- The plan page


def test_plan_shows_the_latest_diagnostic_actions_in_plan_order_with_tracking(
    client: Client, personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    p = personas
    save_diagnostic(p.practice_a, by=p.owner_a, mfa="no")  # an older plan
    latest = save_diagnostic(p.practice_a, by=p.owner_a, backups="no", wifi_separation="no")
    backups = item(latest, "act_backups")
    backups.status, backups.assignee, backups.note = "done", p.member_a, "Disque acheté"
    backups.save()
    wifi = item(latest, "act_wifi_separation")
    wifi.due_date = TODAY() - dt.timedelta(days=3)
    wifi.save()
    client.force_login(p.member_a)
    response = client.get(plan_url(p.practice_a.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    # Groups and order as on the result page; the older diagnostic's mfa action is not shown.
    order = [
        html.index("À faire en priorité"),
        html.index("Mettre en place des sauvegardes automatiques"),
        html.index("Ensuite"),
        html.index("Séparer le Wi-Fi"),
        html.index("Mesures complémentaires"),
    ]
    assert order == sorted(order)
    assert "Activer la double authentification" not in html
    # Steps in a <details>, who and effort.
    assert "<summary>Comment faire</summary>" in html
    assert "règle 3-2-1" in html
    assert fr("<strong>Qui :</strong> Vous, avec votre prestataire") in html
    # Tracking: status as text with a mark, assignee or "Non attribuée", French date, late, note.
    assert "✓</span> Fait" in html
    assert "○</span> À faire" in html
    assert "assistante@lilas.test" in html
    assert "Non attribuée" in html
    assert "Disque acheté" in html
    assert 'class="overdue">en retard</strong>' in html
    assert f"{wifi.due_date.day} " in html
    # Progress: 1 of the 4 actions (2 gaps + 2 complementary) is done.
    assert "1 action faite sur 4" in html
    assert '<progress class="plan-progress" max="4" value="1"' in html
    # Members may update: each action links to its own page.
    assert update_url(p.practice_a.pk, wifi.pk) in html


def test_a_done_action_suggests_confirming_the_answer(
    client: Client, personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    if not new_diagnostic_exists():
        pytest.skip("assessments:new is not there yet")
    p = personas
    diagnostic = save_diagnostic(p.practice_a, backups="no", cyber_insurance="no")
    ActionItem.objects.filter(diagnostic=diagnostic).update(status="done")
    client.force_login(p.owner_a)
    html = client.get(plan_url(p.practice_a.pk)).content.decode()
    new = reverse("assessments:new", kwargs={"practice_id": p.practice_a.pk})
    assert f'href="{new}?oui=backups"' in html
    assert "oui=cyber_insurance" not in html  # complementary: a sentence, no link
    assert fr("répondez « Oui » à cette question complémentaire") in html


def test_plan_without_a_diagnostic_explains_and_links_to_one(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.provider_a)
    response = client.get(plan_url(personas.practice_a.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert fr("n'en a pas encore") in html
    if new_diagnostic_exists():
        assert reverse("assessments:new", kwargs={"practice_id": personas.practice_a.pk}) in html


def test_plan_creates_missing_items_once(
    client: Client, personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    diagnostic = save_diagnostic(personas.practice_a, backups="no")
    ActionItem.objects.filter(diagnostic=diagnostic).delete()
    client.force_login(personas.owner_a)
    assert client.get(plan_url(personas.practice_a.pk)).status_code == 200
    assert client.get(plan_url(personas.practice_a.pk)).status_code == 200
    assert sorted(diagnostic.action_items.values_list("action_id", flat=True)) == [
        "act_backups",
        "act_cyber_insurance",
        "act_it_provider",
    ]


def test_plan_refuses_strangers_and_anonymous(client: Client, personas: Personas) -> None:
    url = plan_url(personas.practice_a.pk)
    response = client.get(url)
    assert response.status_code == 302 and "/comptes/" in response["Location"]
    client.force_login(personas.owner_b)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_plan_is_read_only(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    assert client.post(plan_url(personas.practice_a.pk)).status_code == 405


# --- Updating one action


@pytest.mark.parametrize("who", ["owner_a", "member_a", "provider_a"])
def test_each_role_of_the_practice_may_update_an_action(
    client: Client, personas: Personas, save_diagnostic: SaveDiagnostic, who: str
) -> None:
    p = personas
    target = item(save_diagnostic(p.practice_a, backups="no"), "act_backups")
    client.force_login(getattr(p, who))
    url = update_url(p.practice_a.pk, target.pk)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert fr("<legend>Où en est cette action ?</legend>") in html
    assert 'type="date"' in html
    due = TODAY() + dt.timedelta(days=10)
    response = client.post(
        url,
        form_data(
            status="in_progress",
            assignee=str(p.provider_a.pk),
            due_date=due.isoformat(),
            note="Rendez-vous pris avec le prestataire",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == plan_url(p.practice_a.pk) + "#act_backups"
    target.refresh_from_db()
    assert (target.status, target.assignee, target.due_date, target.note) == (
        "in_progress",
        p.provider_a,
        due,
        "Rendez-vous pris avec le prestataire",
    )


def test_setting_an_action_done_says_so_and_suggests_the_answer(
    client: Client, personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    p = personas
    target = item(save_diagnostic(p.practice_a, backups="no"), "act_backups")
    client.force_login(p.member_a)
    response = client.post(
        update_url(p.practice_a.pk, target.pk), form_data(status="done"), follow=True
    )
    html = response.content.decode()
    assert "Bravo" in html and "Mettez votre diagnostic à jour" in html
    assert "1 action faite sur 3" in html
    if new_diagnostic_exists():
        assert "?oui=backups" in html


def test_the_update_page_is_bookmarkable_and_shows_the_current_state(
    client: Client, personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    p = personas
    target = item(save_diagnostic(p.practice_a, backups="no"), "act_backups")
    target.assignee, target.note = p.member_a, "À voir lundi"
    target.due_date = dt.date(2030, 5, 17)
    target.save()
    client.force_login(p.owner_a)
    html = client.get(update_url(p.practice_a.pk, target.pk)).content.decode()
    assert f'<option value="{p.member_a.pk}" selected>assistante@lilas.test</option>' in html
    assert 'value="2030-05-17"' in html
    assert "À voir lundi</textarea>" in html
    assert "17 mai 2030" in html
    # Only the practice's members can be chosen.
    assert "titulaire@port.test" not in html


def test_an_item_of_another_practice_is_not_found(
    client: Client, personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    p = personas
    save_diagnostic(p.practice_a, backups="no")
    theirs = item(save_diagnostic(p.practice_b, backups="no"), "act_backups")
    client.force_login(p.owner_a)
    # practice B's item id through practice A's URL: 404, and nothing changes.
    url = update_url(p.practice_a.pk, theirs.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(status="done")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "todo"


def test_update_refuses_strangers_and_anonymous(
    client: Client, personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    p = personas
    target = item(save_diagnostic(p.practice_a, backups="no"), "act_backups")
    url = update_url(p.practice_a.pk, target.pk)
    anonymous = client.post(url, form_data(status="done"))
    assert anonymous.status_code == 302 and "/comptes/" in anonymous["Location"]
    client.force_login(p.owner_b)
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(status="done")).status_code == 404
    # owner_b's own practice id with practice A's item: 404 too.
    assert client.post(update_url(p.practice_b.pk, target.pk), form_data()).status_code == 404
    target.refresh_from_db()
    assert target.status == "todo"


def test_an_item_of_an_older_diagnostic_cannot_be_changed(
    client: Client, personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    p = personas
    old = item(save_diagnostic(p.practice_a, backups="no"), "act_backups")
    save_diagnostic(p.practice_a, backups="no")
    client.force_login(p.owner_a)
    response = client.post(update_url(p.practice_a.pk, old.pk), form_data(status="done"))
    assert response.status_code == 404
    assert "ancien diagnostic" in response.content.decode()
    old.refresh_from_db()
    assert old.status == "todo"


def test_a_missing_item_is_not_found(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    assert client.get(update_url(personas.practice_a.pk, 999_999)).status_code == 404


# --- Bad input: 200, a clear message next to the field and in the summary, nothing lost


def _bad_post(client: Client, personas: Personas, target: ActionItem, **data: object) -> str:
    client.force_login(personas.member_a)
    response = client.post(update_url(personas.practice_a.pk, target.pk), form_data(**data))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Ce que vous avez saisi est conservé" in html
    target.refresh_from_db()
    assert (target.status, target.note, target.due_date, target.assignee_id) == (
        "todo",
        "",
        None,
        None,
    )
    return html


@pytest.fixture
def target(personas: Personas, save_diagnostic: SaveDiagnostic) -> ActionItem:
    return item(save_diagnostic(personas.practice_a, backups="no"), "act_backups")


def test_a_past_due_date_is_refused_and_everything_is_kept(
    client: Client, personas: Personas, target: ActionItem
) -> None:
    html = _bad_post(
        client,
        personas,
        target,
        status="in_progress",
        due_date="2020-01-15",
        note="Une note gardée",
        assignee=str(personas.member_a.pk),
    )
    assert fr("La date d&#x27;échéance ne peut pas être dans le passé.") in html
    assert 'value="2020-01-15"' in html
    assert "Une note gardée</textarea>" in html
    assert 'value="in_progress" id="id_status_1" required checked' in html
    assert f'<option value="{personas.member_a.pk}" selected>' in html


def test_an_unchanged_past_due_date_is_accepted(
    client: Client, personas: Personas, target: ActionItem
) -> None:
    past = TODAY() - dt.timedelta(days=5)
    ActionItem.objects.filter(pk=target.pk).update(due_date=past)
    client.force_login(personas.member_a)
    response = client.post(
        update_url(personas.practice_a.pk, target.pk),
        form_data(status="done", due_date=past.isoformat()),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.status, target.due_date) == ("done", past)


def test_a_10000_character_note_is_refused_and_kept(
    client: Client, personas: Personas, target: ActionItem
) -> None:
    note = "n" * 10_000
    html = _bad_post(client, personas, target, note=note, due_date="2031-02-03")
    assert fr("La note est trop longue : 10000 caractères pour 2000 au maximum") in html
    assert note + "</textarea>" in html
    assert 'value="2031-02-03"' in html


def test_a_forged_assignee_is_refused(
    client: Client, personas: Personas, target: ActionItem
) -> None:
    # owner_b exists but is not a member of practice A.
    html = _bad_post(client, personas, target, assignee=str(personas.owner_b.pk), note="gardée")
    assert fr("Choisissez une personne de l&#x27;équipe du cabinet") in html
    assert "gardée</textarea>" in html
    html = _bad_post(client, personas, target, assignee="pas-un-nombre")
    assert fr("Choisissez une personne de l&#x27;équipe du cabinet") in html


@pytest.mark.parametrize("status", ["archived", "", "<script>"])
def test_a_forged_status_is_refused(
    client: Client, personas: Personas, target: ActionItem, status: str
) -> None:
    html = _bad_post(client, personas, target, status=status, note="gardée")
    assert fr("Choisissez « À faire », « En cours » ou « Fait »") in html or (
        fr("Indiquez où en est l&#x27;action") in html
    )
    assert "gardée</textarea>" in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_an_invalid_date_is_refused(client: Client, personas: Personas, target: ActionItem) -> None:
    html = _bad_post(client, personas, target, due_date="2027-02-30")
    assert "Saisissez une date valide" in html


def test_a_date_centuries_away_is_refused(
    client: Client, personas: Personas, target: ActionItem
) -> None:
    html = _bad_post(client, personas, target, due_date="9999-12-31")
    assert "Cette date est bien lointaine" in html
    assert 'value="9999-12-31"' in html


def test_every_error_at_once(client: Client, personas: Personas, target: ActionItem) -> None:
    html = _bad_post(
        client,
        personas,
        target,
        status="nope",
        assignee="424242",
        due_date="2001-01-01",
        note="x" * 2001,
    )
    assert "4 points à corriger" in html
