"""The anonymous diagnostic with Django's test client: form, errors, result, token."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from cyberdent.diagnostic.forms import DiagnosticForm
from cyberdent.domain.referential_models import Referential
from tests.conftest import QUESTION_IDS, all_yes
from tests.french import fr

# The result page reads the regional figures (« où en est votre cabinet ») from the database.
pytestmark = pytest.mark.django_db


def token_of(location: str) -> str:
    return parse_qs(urlparse(location).query)["r"][0]


def test_form_has_one_fieldset_per_question_with_help(client: Client, ref: Referential) -> None:
    html = client.get("/diagnostic/").content.decode()
    assert html.count("<fieldset") == 13
    assert html.count("<legend>") == 13
    assert html.count(fr("Comment vérifier ?")) == 13
    for qid in QUESTION_IDS:
        assert f'name="{qid}" value="unknown"' in html
    assert html.count('value="not_applicable"') == 1
    assert fr("Non concerné\u00a0: aucune donnée patient") in html
    assert "csrfmiddlewaretoken" in html


def test_valid_answers_redirect_to_the_result(client: Client) -> None:
    response = client.post("/diagnostic/", all_yes(backups="no", mfa="unknown"))
    assert response.status_code == 302
    assert response["Location"].startswith("/diagnostic/resultat/?r=")
    result = client.get(response["Location"])
    html = result.content.decode()
    assert result.status_code == 200
    assert "9/11" in html
    assert "Risque élevé" in html
    assert "level-high" in html
    assert "À faire en priorité" in html
    assert "Je ne sais pas" in html
    assert "sauvegardes testées" in html


def test_nothing_is_stored_server_side(client: Client) -> None:
    response = client.post("/diagnostic/", all_yes())
    assert "sessionid" not in response.cookies
    assert client.get(response["Location"]).status_code == 200


def test_missing_answers_keep_the_given_ones_and_name_the_missing(client: Client) -> None:
    data = all_yes(mfa="no")
    del data["updates"]
    del data["crisis_protocol"]
    response = client.post("/diagnostic/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Il manque 2 réponses" in html
    assert fr("Répondez à la question 5 : « Les logiciels sont à jour") in html
    assert fr("Répondez à la question 11 : « Un protocole de crise existe") in html
    assert 'href="#q-updates"' in html
    assert 'name="mfa" value="no" id="id_mfa_1" checked' in html
    assert html.count(" checked") == 9


def test_a_forged_value_is_refused_with_a_message(client: Client) -> None:
    response = client.post("/diagnostic/", all_yes(passwords="not_applicable"))
    assert response.status_code == 200
    assert fr("Question 1 : choisissez une des réponses proposées.") in response.content.decode()


def test_tampered_token_is_refused_clearly(client: Client) -> None:
    location = client.post("/diagnostic/", all_yes())["Location"]
    token = token_of(location)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.get("/diagnostic/resultat/", {"r": forged})
    assert response.status_code == 400
    assert "Ce lien de résultat est invalide" in response.content.decode()
    assert client.get("/diagnostic/resultat/", {"r": "n'importe quoi"}).status_code == 400
    assert client.get("/diagnostic/", {"r": forged}).status_code == 400


def test_result_without_token_goes_back_to_the_form(client: Client) -> None:
    response = client.get("/diagnostic/resultat/")
    assert (response.status_code, response["Location"]) == (302, "/diagnostic/")


def test_modify_answers_prefills_the_form(client: Client) -> None:
    location = client.post("/diagnostic/", all_yes(hds_hosting="not_applicable"))["Location"]
    html = client.get("/diagnostic/", {"r": token_of(location)}).content.decode()
    assert 'name="hds_hosting" value="not_applicable" id="id_hds_hosting_3" checked' in html


def test_result_lists_every_answer_and_the_plan(client: Client, ref: Referential) -> None:
    location = client.post("/diagnostic/", all_yes(wifi_separation="no", it_provider="yes"))[
        "Location"
    ]
    html = client.get(location).content.decode()
    assert "10/11" in html and "Risque faible" in html
    for q in ref.questions:
        assert q.text.replace("'", "&#x27;") in html
    wifi = next(q for q in ref.questions if q.id == "wifi_separation")
    assert wifi.action.title.replace("'", "&#x27;") in html
    assert "Entretenir vos acquis" in html


def test_the_result_downloads_as_a_pdf_report(client: Client) -> None:
    from tests.documents.pdfcheck import assert_contains

    location = client.post("/diagnostic/", all_yes(backups="no"))["Location"]
    html = client.get(location).content.decode()
    assert "Télécharger le rapport (PDF)" in html
    response = client.get("/diagnostic/rapport.pdf", {"r": token_of(location)})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="diagnostic-')
    assert_contains(response.content, "10/11", "Risque élevé", "À faire en priorité")


def test_the_pdf_report_refuses_a_tampered_token(client: Client) -> None:
    assert client.get("/diagnostic/rapport.pdf", {"r": "abc:def"}).status_code == 400
    assert client.get("/diagnostic/rapport.pdf").status_code == 302


def test_the_form_keeps_a_field_order_it_is_given(ref: Referential) -> None:
    # Its fields are copied on first use; Django's order_fields() assigns them back.
    form = DiagnosticForm(referential=ref, field_order=["mfa"])
    assert next(iter(form.fields)) == "mfa"
    assert len(form.fields) == form.question_count + len(ref.complementary)
