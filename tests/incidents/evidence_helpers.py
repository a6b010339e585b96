"""Tampering with the incident evidence the way only a database owner could: triggers dropped."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

from django.db import connection

from cyberdent.incidents.evidence import install_evidence_triggers, uninstall_evidence_triggers


@contextmanager
def triggers_dropped() -> Iterator[None]:
    """Drop the evidence triggers for the block, then put them back."""
    editor = SimpleNamespace(connection=connection)
    uninstall_evidence_triggers(None, editor)
    try:
        yield
    finally:
        install_evidence_triggers(None, editor)


def tamper(sql: str, params: list[object]) -> None:
    with triggers_dropped(), connection.cursor() as cursor:
        cursor.execute(sql, params)
