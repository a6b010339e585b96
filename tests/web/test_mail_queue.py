"""E-mail leaves through the task queue: the request never waits for SMTP, an SMTP server that is
down delays a message without losing it, and the message sent later is the one written.
Against a real local SMTP server (aiosmtpd), down, then up."""

from __future__ import annotations

import datetime as dt
import socket
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from cyberdent.web import mail as mail_queue
from tests.conftest import Personas

pytestmark = pytest.mark.django_db(transaction=True)

QUEUED = "cyberdent.web.mail.QueuedEmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def run_worker() -> None:
    """What `manage.py db_worker` does in production, until nothing is ready to run."""
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Received:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp_settings(smtp_port: int) -> Iterator[None]:
    with override_settings(
        EMAIL_BACKEND=QUEUED,
        CYBERDENT_EMAIL_DELIVERY_BACKEND=SMTP,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp_port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=2,
    ):
        yield


@override_settings(EMAIL_BACKEND=QUEUED, CYBERDENT_EMAIL_DELIVERY_BACKEND=LOCMEM)
def test_a_message_waits_in_the_queue_then_the_worker_sends_it_as_written() -> None:
    sent = mail.EmailMultiAlternatives(
        "Invitation 🦷 « Cabinet des Lilas »",
        "Bonjour,\nvoici le lien.",
        "CyberDent <no-reply@localhost>",
        ["nouvelle@lilas.test"],
        headers={"Reply-To": "titulaire@lilas.test"},
    )
    sent.attach_alternative("<p>Bonjour</p>", "text/html")
    assert sent.send() == 1
    assert mail.outbox == []  # nothing left the request
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert len(mail.outbox) == 1
    out = mail.outbox[0]
    assert (out.subject, out.body, out.to, out.from_email) == (
        sent.subject,
        sent.body,
        sent.to,
        sent.from_email,
    )
    assert out.extra_headers == {"Reply-To": "titulaire@lilas.test"}
    assert out.alternatives == [("<p>Bonjour</p>", "text/html")]


@override_settings(EMAIL_BACKEND=QUEUED, CYBERDENT_EMAIL_DELIVERY_BACKEND=LOCMEM)
def test_a_message_of_a_rolled_back_transaction_is_never_sent() -> None:
    def send_then_fail() -> None:
        with transaction.atomic():
            mail.send_mail("x", "y", None, ["a@lilas.test"])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        send_then_fail()
    run_worker()
    assert mail.outbox == []


def test_an_invitation_while_smtp_is_down_succeeds_and_is_delivered_once_it_is_up(
    smtp_settings: None, smtp_port: int, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail_queue, "RETRY_DELAYS", (dt.timedelta(seconds=1),) * 3)
    client = Client()
    client.force_login(personas.owner_a)
    started = time.monotonic()
    response = client.post(
        f"/cabinet/{personas.practice_a.pk}/equipe/inviter/",
        {"email": "nouvelle@lilas.test", "role": "member"},
    )
    assert response.status_code == 302  # the request does not wait for SMTP, nor fail
    assert time.monotonic() - started < 5
    run_worker()  # SMTP is down: the first try fails, the next one waits a second
    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert len(results) == 2 and results[0].return_value == "retry"
    handler = Received()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        time.sleep(1.2)
        run_worker()
    finally:
        controller.stop()
    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.rcpt_tos == ["nouvelle@lilas.test"]
    message = message_from_bytes(envelope.content, policy=default)
    assert "Cabinet des Lilas" in str(message["Subject"])
    assert "/invitation/" in message.get_body(("plain",)).get_content()


def test_after_the_last_try_the_message_is_kept_not_dropped(
    smtp_settings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail_queue, "RETRY_DELAYS", (dt.timedelta(0),) * 2)
    mail.send_mail("Sujet gardé", "Corps gardé", None, ["perdu@lilas.test"])
    run_worker()  # three tries, SMTP down all along
    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [r.status for r in results] == ["SUCCESSFUL", "SUCCESSFUL", "FAILED"]
    kept = results[-1]
    assert kept.args_kwargs["args"][0]["subject"] == "Sujet gardé"
    assert kept.args_kwargs["args"][0]["to"] == ["perdu@lilas.test"]
