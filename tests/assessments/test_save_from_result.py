""" "Enregistrer dans mon espace": from the anonymous result, through login or sign-up and
email confirmation, into one of the person's practices, without losing the answers."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.assessments.views_public import PENDING_RESULT_KEY, pending_save_url
from cyberdent.practices.models import Membership, Practice
from tests.conftest import Personas, all_yes, make_user
from tests.french import fr

SAVE = "/espace/enregistrer/"
PASSWORD = "un mot de passe solide 2026"


def anonymous_token(client: Client, **overrides: str) -> str:
    location = client.post("/diagnostic/", all_yes(**overrides))["Location"]
    return parse_qs(urlparse(location).query)["r"][0]


def forged(token: str) -> str:
    return token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")


@pytest.mark.django_db  # the result page reads the regional figures
def test_the_result_page_offers_to_save(client: Client) -> None:
    token = anonymous_token(client)
    html = client.get("/diagnostic/resultat/", {"r": token}).content.decode()
    form = re.search(r'<form method="get" action="/espace/enregistrer/">(.*?)</form>', html, re.S)
    assert form is not None
    assert f'<input type="hidden" name="r" value="{token}">' in form.group(1)
    assert "Enregistrer dans mon espace</button>" in form.group(1)


def test_anonymous_goes_to_login_with_next_and_the_token_in_the_session(
    client: Client, db: None
) -> None:
    token = anonymous_token(client)
    response = client.get(SAVE, {"r": token})
    location = urlparse(response["Location"])
    assert (response.status_code, location.path) == (302, "/comptes/login/")
    next_url = parse_qs(location.query)["next"][0]
    assert parse_qs(urlparse(next_url).query)["r"] == [token]
    assert client.session[PENDING_RESULT_KEY] == token


def test_a_tampered_token_is_refused_clearly(client: Client, personas: Personas) -> None:
    token = anonymous_token(client)
    for who in (None, personas.owner_a):
        if who is not None:
            client.force_login(who)
        response = client.get(SAVE, {"r": forged(token)})
        assert response.status_code == 400
        assert "Ce lien de résultat est invalide" in response.content.decode()
    response = client.post(SAVE, {"r": "n'importe quoi", "practice": personas.practice_a.pk})
    assert response.status_code == 400
    assert not SavedDiagnostic.objects.exists()


def test_without_a_token_back_to_the_diagnostic(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.get(SAVE)
    assert (response.status_code, response["Location"]) == (302, "/diagnostic/")


def test_owner_saves_into_their_practice(client: Client, personas: Personas) -> None:
    token = anonymous_token(client, backups="no", mfa="unknown")
    client.force_login(personas.owner_a)
    html = client.get(SAVE, {"r": token}).content.decode()
    assert "9/11" in html and "Risque élevé" in html
    assert "Cabinet des Lilas" in html and "Cabinet du Port" not in html
    # One practice: no question asked, the page names it.
    assert f'<input type="hidden" name="practice" value="{personas.practice_a.pk}">' in html
    assert "Dans quel cabinet" not in html
    assert fr("Il sera enregistré dans l'espace de votre cabinet, « Cabinet des Lilas »") in html
    response = client.post(f"{SAVE}?r={token}", {"r": token, "practice": personas.practice_a.pk})
    saved = SavedDiagnostic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cabinet/{personas.practice_a.pk}/diagnostics/{saved.pk}/"
    assert saved.practice == personas.practice_a and saved.created_by == personas.owner_a
    assert saved.answers == all_yes(backups="no", mfa="unknown")
    assert saved.action_items.count() == 4  # backups, mfa, and the two complementary
    page = client.get(response["Location"]).content.decode()
    assert fr("Le diagnostic est enregistré dans « Cabinet des Lilas ».") in page


def test_a_provider_of_two_practices_chooses(client: Client, personas: Personas) -> None:
    Membership.objects.create(
        practice=personas.practice_b, user=personas.provider_a, role="it_provider"
    )
    token = anonymous_token(client)
    client.force_login(personas.provider_a)
    html = client.get(SAVE, {"r": token}).content.decode()
    assert "Cabinet des Lilas" in html and "Cabinet du Port" in html
    assert " checked" not in html
    response = client.post(SAVE, {"r": token})
    assert response.status_code == 200
    assert "Choisissez le cabinet où enregistrer ce diagnostic." in response.content.decode()
    client.post(SAVE, {"r": token, "practice": personas.practice_b.pk})
    assert SavedDiagnostic.objects.get().practice == personas.practice_b


def test_a_forged_practice_is_404_and_a_member_403(client: Client, personas: Personas) -> None:
    token = anonymous_token(client)
    client.force_login(personas.owner_a)
    assert client.post(SAVE, {"r": token, "practice": personas.practice_b.pk}).status_code == 404
    assert client.post(SAVE, {"r": token, "practice": 999999}).status_code == 404
    for bad in ("abc", str(2**63), str(10**30)):  # never an OverflowError in the database
        response = client.post(SAVE, {"r": token, "practice": bad})
        assert response.status_code == 200
        assert "Choisissez un des cabinets proposés." in response.content.decode()
    client.force_login(personas.member_a)
    assert client.post(SAVE, {"r": token, "practice": personas.practice_a.pk}).status_code == 403
    assert not SavedDiagnostic.objects.exists()


def test_a_member_only_is_told_why_and_offered_to_create_a_practice(
    client: Client, personas: Personas
) -> None:
    token = anonymous_token(client)
    client.force_login(personas.member_a)
    html = client.get(SAVE, {"r": token}).content.decode()
    assert fr("Votre rôle dans « Cabinet des Lilas » ne permet pas") in html
    link = re.search(r'href="(/espace/nouveau/\?next=[^"]+)"', html)
    assert link is not None
    next_url = parse_qs(urlparse(unescape(link.group(1))).query)["next"][0]
    assert next_url == f"{SAVE}?r={token}".replace(":", "%3A")


def test_a_practice_requiring_two_factor_login(client: Client, personas: Personas) -> None:
    Practice.objects.filter(pk=personas.practice_a.pk).update(require_mfa=True)
    token = anonymous_token(client)
    client.force_login(personas.owner_a)
    response = client.post(SAVE, {"r": token, "practice": personas.practice_a.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ce cabinet demande la double authentification." in html
    assert f'href="{reverse("mfa_activate_totp")}"' in html
    assert not SavedDiagnostic.objects.exists()


def test_pending_save_url_for_a_login_that_lost_next(client: Client, personas: Personas) -> None:
    token = anonymous_token(client)
    client.get(SAVE, {"r": token})
    client.force_login(personas.owner_a)  # the session keeps its data through login
    response = client.get(SAVE)  # no token in the address: taken from the session
    assert response.status_code == 200
    assert f'value="{token}"' in response.content.decode()
    client.post(SAVE, {"r": token, "practice": personas.practice_a.pk})
    assert SavedDiagnostic.objects.count() == 1
    assert PENDING_RESULT_KEY not in client.session


def test_pending_save_url_helper(rf, client: Client) -> None:
    request = rf.get("/")
    request.session = {}
    assert pending_save_url(request) is None
    request.session[PENDING_RESULT_KEY] = "abc:def"
    assert pending_save_url(request) == f"{SAVE}?r=abc%3Adef"


def test_the_whole_path_through_sign_up_and_email_confirmation(client: Client, db: None) -> None:
    """Anonymous result → save → login page → sign-up → email link → back to save → a
    practice → saved: the answers survive the whole way."""
    token = anonymous_token(client, updates="no", hds_hosting="not_applicable")
    login_page = client.get(SAVE, {"r": token})["Location"]
    html = client.get(login_page).content.decode()
    signup_link = re.search(r'href="(/comptes/signup/\?next=[^"]+)"', html)
    assert signup_link is not None
    signup_url = unescape(signup_link.group(1))
    next_url = parse_qs(urlparse(signup_url).query)["next"][0]
    assert urlparse(signup_url).path == reverse("account_signup")
    assert f'value="{next_url}"' in client.get(signup_url).content.decode().replace(
        fr("&amp;"), "&"
    )

    response = client.post(
        signup_url,
        {
            "email": "dr.martin@cabinet.test",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": next_url,
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://testserver(/\S+/)", mail.outbox[0].body)
    assert link is not None
    assert client.get(link.group(1)).status_code == 200
    response = client.post(link.group(1))
    assert response.status_code == 302
    assert response["Location"] == next_url  # logged in, back to the save page

    html = client.get(response["Location"]).content.decode()
    assert "10/11" in html
    assert fr("Votre compte n'est rattaché à aucun cabinet") in html
    # The person creates their practice (the practices pages do this), then comes back.
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="dr.martin@cabinet.test")
    practice = Practice.objects.create(name="Cabinet Martin", department="31", team_size=3)
    Membership.objects.create(practice=practice, user=user, role="owner")
    html = client.get(next_url).content.decode()
    assert "Cabinet Martin" in html
    response = client.post(next_url, {"r": token, "practice": practice.pk})
    saved = SavedDiagnostic.objects.get()
    assert response["Location"] == f"/cabinet/{practice.pk}/diagnostics/{saved.pk}/"
    assert saved.answers == all_yes(updates="no", hds_hosting="not_applicable")
    assert saved.created_by == user


def test_login_of_an_existing_account_comes_back(client: Client, db: None) -> None:
    user = make_user("dr.durand@cabinet.test")
    practice = Practice.objects.create(name="Cabinet Durand", department="30", team_size=2)
    Membership.objects.create(practice=practice, user=user, role="owner")
    token = anonymous_token(client, mfa="no")
    login_page = client.get(SAVE, {"r": token})["Location"]
    next_url = parse_qs(urlparse(login_page).query)["next"][0]
    response = client.post(
        login_page, {"login": user.email, "password": PASSWORD, "next": next_url}
    )
    assert (response.status_code, response["Location"]) == (302, next_url)
    client.post(next_url, {"r": token, "practice": practice.pk})
    assert SavedDiagnostic.objects.get().answers == all_yes(mfa="no")
