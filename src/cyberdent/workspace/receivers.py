"""The workspace wires the tenancy core's events to the features that must react.

Connected in WorkspaceConfig.ready(). practices cannot import the feature apps (they build on
it), so it sends signals (cyberdent.practices.signals) and the composing layer answers them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cyberdent.actionplan.services import calendar_feed_revoke
from cyberdent.practices.models import Practice
from cyberdent.practices.signals import owner_access_ended


def on_owner_access_ended(
    sender: Any, practice: Practice, request: HttpRequest, **kwargs: Any
) -> None:
    """A former owner may still hold the secret calendar link, which lists the practice's open
    security actions: it stops working (audited), and a current owner can make a new one."""
    calendar_feed_revoke(practice=practice, request=request)


def connect() -> None:
    """Connect every receiver once: dispatch_uid guards against a second ready()."""
    owner_access_ended.connect(
        on_owner_access_ended, dispatch_uid="workspace.on_owner_access_ended"
    )
