"""The journal is proof: append-only in the model layer too."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import timezone

from cyberdent.incidents.models import AppendOnlyError, Incident, JournalEntry
from cyberdent.incidents.services import incident_journal_add
from cyberdent.workspace.services import practice_delete
from tests.incidents.helpers import make_incident

pytestmark = pytest.mark.django_db


def _entry(personas: Any) -> JournalEntry:
    incident = make_incident(personas.practice_a, personas.owner_a)
    return incident_journal_add(
        incident=incident, user=personas.member_a, text="Écran bloqué", at=timezone.now()
    )


def test_an_entry_cannot_be_saved_again(personas: Any) -> None:
    entry = _entry(personas)
    entry.text = "Autre chose"
    with pytest.raises(AppendOnlyError):
        entry.save()
    fresh = JournalEntry.objects.get(pk=entry.pk)
    fresh.text = "Autre chose"
    with pytest.raises(AppendOnlyError):
        fresh.save(update_fields=["text"])
    assert JournalEntry.objects.get(pk=entry.pk).text == "Écran bloqué"


def test_an_entry_cannot_be_deleted(personas: Any) -> None:
    entry = _entry(personas)
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert JournalEntry.objects.filter(pk=entry.pk).exists()


def test_bulk_update_and_delete_are_refused(personas: Any) -> None:
    entry = _entry(personas)
    with pytest.raises(AppendOnlyError):
        JournalEntry.objects.filter(pk=entry.pk).update(text="Réécrit")
    with pytest.raises(AppendOnlyError):
        JournalEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        entry.incident.journal.all().delete()
    with pytest.raises(AppendOnlyError):
        entry.incident.journal.update(text="Réécrit")
    assert JournalEntry.objects.get(pk=entry.pk).text == "Écran bloqué"


def test_an_empty_entry_is_refused_by_the_service(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    with pytest.raises(ValueError, match="vide"):
        incident_journal_add(incident=incident, user=personas.owner_a, text=" ", at=timezone.now())


def test_data_rights_still_work(personas: Any) -> None:
    """Deleting a person's account keeps the entry (and who wrote it, as text); deleting the
    practice removes its incidents and journals."""
    entry = _entry(personas)
    personas.member_a.delete()
    kept = JournalEntry.objects.get(pk=entry.pk)
    assert kept.author is None
    assert kept.author_name == "assistante@lilas.test"
    # Through the service: the database triggers refuse a bare `practice.delete()` (see
    # tests/incidents/test_evidence.py).
    practice_delete(practice=personas.practice_a, request=RequestFactory().post("/"))
    assert not Incident.objects.exists()
    assert not JournalEntry.objects.exists()
