"""/sante/ says whether the database and the cache answer, without naming anything secret."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client


@pytest.mark.django_db
def test_healthy(client: Client) -> None:
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True and data["cache"]["ok"] is True
    assert data["queue"]["ok"] is True
    assert set(data) == {"status", "database", "cache", "queue"}
    body = response.content.decode()
    for secret in ("127.0.0.1", "postgres", "sqlite", "redis", "SECRET"):
        assert secret not in body


@pytest.mark.django_db
def test_a_cache_that_does_not_answer_gives_503(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ConnectionError("down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/sante/")
    assert response.status_code == 503
    data = json.loads(response.content)
    assert data["status"] == "unavailable" and data["cache"]["ok"] is False
    assert data["database"]["ok"] is True


@pytest.mark.django_db
def test_post_is_refused(client: Client) -> None:
    assert client.post("/sante/").status_code == 405


@pytest.mark.django_db
def test_a_queue_nobody_takes_is_reported_without_taking_the_server_out(client: Client) -> None:
    import datetime as dt

    from django.core.mail import send_mail
    from django.test import override_settings
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    with override_settings(EMAIL_BACKEND="cyberdent.web.mail.QueuedEmailBackend"):
        send_mail("Sujet", "Corps", None, ["a@lilas.test"])
    assert json.loads(client.get("/sante/").content)["queue"]["ok"] is True  # just queued
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=11))
    response = client.get("/sante/")
    data = json.loads(response.content)
    assert data["queue"]["ok"] is False
    assert response.status_code == 200 and data["status"] == "ok"


@pytest.mark.django_db
def test_a_message_left_sending_by_a_dead_worker_is_reported(client: Client) -> None:
    import datetime as dt

    from django.core.mail import send_mail
    from django.test import override_settings
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    with override_settings(EMAIL_BACKEND="cyberdent.web.mail.QueuedEmailBackend"):
        send_mail("Sujet", "Corps", None, ["a@lilas.test"])
    long_ago = timezone.now() - dt.timedelta(minutes=11)
    DBTaskResult.objects.update(status="RUNNING", started_at=long_ago, enqueued_at=long_ago)
    data = json.loads(client.get("/sante/").content)
    assert data["queue"]["ok"] is False and data["status"] == "ok"
