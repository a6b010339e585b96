"""The checker's page: a pasted source or an uploaded .eml gives the verdict and its evidence;
bad input a French message with what was typed kept; nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.french import fr

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "domain" / "mailcheck" / "corpus"
URL = "/hameconnage/verifier/"


def test_the_form_page(client: Client) -> None:
    assert reverse("phishing:checker") == URL
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert fr("Un e-mail vous semble suspect ?") in html
    assert "rien n’est conservé" in html


def test_a_pasted_scam_is_called_so_with_its_evidence(client: Client) -> None:
    source = (CORPUS / "01_faux_remboursement_ameli.eml").read_text(encoding="utf-8")
    response = client.post(URL, {"source": source})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Très probablement une arnaque" in html
    assert "indice fort" in html
    assert "<code>" in html  # the evidence, shown
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies  # nothing kept between requests


def test_an_uploaded_legitimate_message_gets_no_sign_found(client: Client) -> None:
    data = (CORPUS / "32_message_collegue.eml").read_bytes()
    upload = SimpleUploadedFile("message.eml", data, content_type="message/rfc822")
    html = client.post(URL, {"fichier": upload}).content.decode()
    assert "Aucun indice trouvé" in html
    assert "ce n’est pas une garantie" in html or "pas une garantie" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"source": "   "}, "Collez la source du message, ou choisissez un fichier .eml."),
        ({"source": "bonjour, ceci est juste du texte"}, "e-mail"),
        ({"source": "x" * (2 * 1024 * 1024 + 10)}, "2 Mo"),
    ],
)
def test_bad_input_gets_a_french_message_and_keeps_the_text(
    client: Client, data: dict[str, str], message: str
) -> None:
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Un point à corriger" in html
    assert message in html
    if len(data["source"]) < 1000 and data["source"].strip():
        assert data["source"] in html  # what was pasted is still there


def test_a_huge_upload_is_refused(client: Client) -> None:
    upload = SimpleUploadedFile("gros.eml", b"From: a@b.fr\n\n" + b"x" * (2 * 1024 * 1024))
    html = client.post(URL, {"fichier": upload}).content.decode()
    assert "2 Mo" in html
