"""E-mail leaves the request through a task queue: an SMTP outage neither fails a request nor
loses a message.

Every e-mail of the app (allauth's confirmations and notifications, invitations) goes through
Django's mail API, so one e-mail backend is enough: `QueuedEmailBackend` stores each message as a
task (django-tasks, the database backend by default: same transaction guarantees as the rest of
the data) and returns at once. The worker (`manage.py db_worker`, started beside gunicorn by
`make run`) delivers it with the real backend (`CYBERDENT_EMAIL_DELIVERY_BACKEND`: SMTP when
CYBERDENT_EMAIL_HOST is set). A delivery that fails is tried again later, with a growing delay;
after the last try the task is kept as failed, with the message, for whoever looks after the
instance — never dropped."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Delays before the 2nd, 3rd… tries: a few minutes of SMTP outage, then hours.
RETRY_DELAYS = (
    dt.timedelta(seconds=30),
    dt.timedelta(minutes=2),
    dt.timedelta(minutes=10),
    dt.timedelta(hours=1),
    dt.timedelta(hours=6),
)


def message_to_data(message: EmailMessage) -> dict[str, Any]:
    """What a task argument can hold (JSON): the fields of the message, not a pickled object."""
    if message.attachments:
        raise ValueError("CyberDent sends no e-mail attachment")
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(a) for a in message.to],
        "cc": [str(a) for a in message.cc],
        "bcc": [str(a) for a in message.bcc],
        "reply_to": [str(a) for a in message.reply_to],
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "alternatives": [
            [str(content), str(mimetype)]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def data_to_message(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


@task()
def deliver_email(data: dict[str, Any], attempt: int = 1) -> str:
    """Send one message with the real backend; on failure, try again later."""
    connection = get_connection(settings.CYBERDENT_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.send_messages([data_to_message(data)])
    except (smtplib.SMTPException, OSError) as error:
        if attempt > len(RETRY_DELAYS):
            logger.error(
                "e-mail to %s not delivered after %d tries: %s", data["to"], attempt, error
            )
            raise
        delay = RETRY_DELAYS[attempt - 1]
        deliver_email.using(run_after=timezone.now() + delay).enqueue(data, attempt + 1)
        logger.warning("e-mail to %s not delivered (%s); next try in %s", data["to"], error, delay)
        return "retry"
    return "sent"


class QueuedEmailBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND: puts each message in the queue, never talks to SMTP itself."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            deliver_email.enqueue(message_to_data(message))
        return len(email_messages)
