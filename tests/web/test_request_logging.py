"""A refusal is logged as one line; a real error keeps its traceback."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import path

from tests.conftest import Personas


def broken_view(request: object) -> None:
    raise RuntimeError("a real bug")


urlpatterns = [path("boom/", broken_view)]


def _records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "django.request"]


def test_a_403_is_one_line_without_traceback(
    client: Client, personas: Personas, caplog: pytest.LogCaptureFixture
) -> None:
    client.force_login(personas.member_a)  # the audit log is for owners
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/cabinet/{personas.practice_a.pk}/journal/")
    assert response.status_code == 403
    (record,) = _records(caplog)
    assert record.status_code == 403  # type: ignore[attr-defined]
    assert record.exc_info is None
    handler = logging.StreamHandler()
    assert "\n" not in handler.format(record)
    assert "Traceback" not in caplog.text


@pytest.mark.urls("tests.web.test_request_logging")
def test_a_500_keeps_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/boom/")
    assert response.status_code == 500
    (record,) = _records(caplog)
    assert record.exc_info is not None
    assert "Traceback" in caplog.text and "a real bug" in caplog.text


def test_a_get_on_a_post_only_url_gets_a_french_page(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    response = client.get(f"/cabinet/{personas.practice_a.pk}/quitter/", follow=False)
    assert response.status_code in (200, 302)  # not POST-only: a page of its own
    member = personas.member_a.memberships.get().pk
    response = client.get(f"/cabinet/{personas.practice_a.pk}/equipe/{member}/retirer/")
    page = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Rien n’a été modifié" in page and "<h1>" in page
