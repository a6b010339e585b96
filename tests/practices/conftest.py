"""Helpers for the practice-space tests: invitations with a known secret."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import secrets
from typing import Any

from django.utils import timezone

from cyberdent.practices.models import Invitation
from cyberdent.practices.services import token_hash


def make_invitation(
    practice: Any,
    email: str,
    role: str = "member",
    *,
    expires_in: dt.timedelta = dt.timedelta(days=7),
    created_by: Any = None,
) -> tuple[Invitation, str]:
    """An invitation stored as the app stores it (hash only), and its secret."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        practice=practice,
        email=email,
        role=role,
        token_hash=token_hash(token),
        created_by=created_by,
        expires_at=timezone.now() + expires_in,
    )
    return invitation, token


def html(response: Any) -> str:
    """The page's text with entities decoded, so French apostrophes compare plainly."""
    return html_lib.unescape(response.content.decode())
