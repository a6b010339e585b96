"""A document typst cannot produce gives a clear French page (status 500), logged with its
traceback; never Django's traceback page, whatever PDF view raised it."""

from __future__ import annotations

import logging
from typing import Any, NoReturn
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from cyberdent.documents.render import DocumentError
from tests.conftest import all_yes
from tests.french import fr

MIDDLEWARE = "cyberdent.web.document_errors.DocumentErrorMiddleware"


def test_the_middleware_is_installed() -> None:
    assert MIDDLEWARE in django_settings.MIDDLEWARE


def _fail(*args: Any, **kwargs: Any) -> NoReturn:
    raise DocumentError("report.typ: PDF/UA-1 error: the text could not be displayed")


def _report_url(client: Client) -> str:
    location = client.post("/diagnostic/", all_yes(backups="no"))["Location"]
    return "/diagnostic/rapport.pdf?r=" + parse_qs(urlparse(location).query)["r"][0]


@pytest.mark.parametrize("debug", [False, True])
def test_a_failing_report_download_shows_the_french_page(
    client: Client,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    settings: Any,
    debug: bool,
) -> None:
    settings.DEBUG = debug  # not even the debug traceback page
    monkeypatch.setattr("cyberdent.diagnostic.views.render_report_pdf", _fail)
    url = _report_url(client)
    with caplog.at_level(logging.ERROR, logger="cyberdent.documents"):
        response = client.get(url)
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Le document n’a pas pu être produit" in html
    assert fr("Que faire\u00a0?") in html
    assert "relancer le téléchargement" in html
    assert f'href="{url.replace("&", "&amp;")}"' in html  # retry the same download
    assert 'href="https://urps-chirurgiensdentistes-oc.com"' in html  # not its unconfirmed e-mail
    assert fr("mailto:") not in html
    assert f'href="{reverse("web:incident")}"' in html  # an attack going on: the steps
    assert "Traceback" not in html and "DocumentError" not in html
    [record] = [r for r in caplog.records if r.name == "cyberdent.documents"]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and record.exc_info[0] is DocumentError
    assert "/diagnostic/rapport.pdf" in record.getMessage()


def test_a_failing_poster_form_asks_to_send_the_form_again(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cyberdent.web.views.render_poster_pdf", _fail)
    response = client.post("/incident/fiche-reflexe/", {"practice": "Cabinet 👍"})
    assert response.status_code == 500
    html = response.content.decode()
    assert "Le document n’a pas pu être produit" in html
    assert "renvoyez le formulaire" in html
    assert "relancer le téléchargement" not in html  # a POST is not a link to follow


def test_other_errors_are_left_to_django(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> NoReturn:
        raise ValueError("not a document error")

    monkeypatch.setattr("cyberdent.diagnostic.views.render_report_pdf", boom)
    url = _report_url(client)
    with pytest.raises(ValueError, match="not a document error"):
        client.get(url)


def test_an_emoji_practice_name_downloads_the_poster(client: Client) -> None:
    response = client.post("/incident/fiche-reflexe/", {"practice": "Cabinet 👍 🦷 漢字"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
