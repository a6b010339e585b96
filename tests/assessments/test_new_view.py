"""A new diagnostic in the practice: pre-filled, ?oui=, saved with its plan carried over."""

from __future__ import annotations

from django.test import Client

from cyberdent.actionplan.models import ActionItem
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.referential_models import Referential
from tests.assessments.helpers import save_diagnostic
from tests.conftest import Personas, all_yes
from tests.french import fr


def new_url(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/diagnostics/nouveau/"


def test_the_form_reuses_the_diagnostic_questions(client: Client, personas: Personas) -> None:
    client.force_login(personas.provider_a)
    html = client.get(new_url(personas)).content.decode()
    # 13 questions, then the opt-in to the regional figures.
    assert html.count("<fieldset") == 14
    assert html.count(fr("Comment vérifier ?")) == 13
    assert html.count('<fieldset class="observatory-optin">') == 1
    assert f'action="{new_url(personas)}"' in html
    assert "csrfmiddlewaretoken" in html
    assert " checked" not in html  # nothing to pre-fill yet


def test_the_form_is_prefilled_with_the_latest_answers(client: Client, personas: Personas) -> None:
    save_diagnostic(personas.practice_a, personas.owner_a, mfa="yes", backups="yes")
    save_diagnostic(
        personas.practice_a,
        personas.owner_a,
        mfa="no",
        hds_hosting="not_applicable",
        it_provider="yes",
    )
    client.force_login(personas.owner_a)
    html = client.get(new_url(personas)).content.decode()
    assert "Les réponses de votre dernier diagnostic sont déjà cochées" in html
    assert 'name="mfa" value="no" id="id_mfa_1" checked' in html
    assert 'name="hds_hosting" value="not_applicable" id="id_hds_hosting_3" checked' in html
    assert 'name="it_provider" value="yes" id="id_it_provider_0" checked' in html
    assert html.count(" checked") == 12  # 11 scored + it_provider; cyber_insurance unanswered


def test_oui_presets_answers_to_yes(client: Client, personas: Personas) -> None:
    save_diagnostic(personas.practice_a, personas.owner_a, mfa="no", backups="unknown")
    client.force_login(personas.owner_a)
    html = client.get(
        new_url(personas), {"oui": ["mfa", "backups", "inconnu", "cyber_insurance"]}
    ).content.decode()
    assert 'name="mfa" value="yes" id="id_mfa_0" checked' in html
    assert 'name="backups" value="yes" id="id_backups_0" checked' in html
    assert 'name="cyber_insurance" value="yes" id="id_cyber_insurance_0" checked' in html
    assert "inconnu" not in html


def test_oui_without_a_previous_diagnostic(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    html = client.get(new_url(personas), {"oui": "passwords"}).content.decode()
    assert 'name="passwords" value="yes" id="id_passwords_0" checked' in html
    assert fr("« Oui » est déjà coché") in html
    assert "Les réponses de votre dernier diagnostic" not in html
    assert html.count(" checked") == 1


def test_valid_answers_are_saved_with_the_referential_and_the_plan(
    client: Client, personas: Personas, ref: Referential
) -> None:
    client.force_login(personas.provider_a)
    answers = all_yes(backups="no", mfa="unknown", cyber_insurance="no")
    response = client.post(new_url(personas), answers)
    saved = SavedDiagnostic.objects.get(practice=personas.practice_a)
    assert response.status_code == 302
    assert response["Location"] == f"/cabinet/{personas.practice_a.pk}/diagnostics/{saved.pk}/"
    assert saved.answers == answers
    assert saved.created_by == personas.provider_a
    assert (saved.referential_id, saved.referential_version) == (ref.id, ref.version)
    expected = [a.id for a in assess(ref, parse_answers(ref, answers)).actions]
    assert sorted(saved.action_items.values_list("action_id", flat=True)) == sorted(expected)
    assert len(expected) == 4  # backups, mfa, cyber_insurance, it_provider (not answered)
    assert "Le diagnostic est enregistré." in client.get(response["Location"]).content.decode()


def test_missing_answers_keep_the_given_ones(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    data = all_yes(mfa="no")
    del data["updates"]
    response = client.post(new_url(personas), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Il manque 1 réponse" in html
    assert "Répondez à la question 5" in html
    assert 'href="#q-updates"' in html
    assert 'name="mfa" value="no" id="id_mfa_1" checked' in html
    assert html.count(" checked") == 10
    assert not SavedDiagnostic.objects.exists()


def test_a_forged_value_is_refused_with_a_message(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.post(new_url(personas), all_yes(passwords="not_applicable", mfa="x" * 10000))
    html = response.content.decode()
    assert response.status_code == 200
    assert fr("Question 1 : choisissez une des réponses proposées.") in html
    assert fr("Question 2 : choisissez une des réponses proposées.") in html
    assert not SavedDiagnostic.objects.exists()


def action_of(ref: Referential, question_id: str) -> str:
    return next(q.action.id for q in ref.questions if q.id == question_id)


def test_status_and_note_carry_over_for_a_still_needed_action(
    client: Client, personas: Personas, ref: Referential
) -> None:
    first = save_diagnostic(
        personas.practice_a,
        personas.owner_a,
        backups="no",
        mfa="no",
        it_provider="yes",
        cyber_insurance="yes",
    )
    items = {item.action_id: item for item in first.action_items.all()}
    backups_action, mfa_action = action_of(ref, "backups"), action_of(ref, "mfa")
    assert set(items) == {backups_action, mfa_action}
    ActionItem.objects.filter(pk=items[backups_action].pk).update(
        status="in_progress", note="Devis demandé au prestataire", assignee=personas.member_a
    )
    ActionItem.objects.filter(pk=items[mfa_action].pk).update(status="done")
    client.force_login(personas.owner_a)
    # mfa fixed, backups still missing: the backups action keeps its tracking.
    client.post(new_url(personas), all_yes(backups="no", it_provider="yes", cyber_insurance="yes"))
    second = SavedDiagnostic.objects.exclude(pk=first.pk).get()
    kept = second.action_items.get()
    assert kept.action_id == backups_action
    assert (kept.status, kept.note, kept.assignee) == (
        "in_progress",
        "Devis demandé au prestataire",
        personas.member_a,
    )
    assert first.action_items.count() == 2  # the previous diagnostic's plan is untouched
