"""Evidence that holds: the journal, the step times and the discovery time cannot be changed or
deleted by any path, only purged with the whole practice; the journal's hash chain shows any
change made by someone who could drop the triggers.

The bypass tests run outside a test transaction (`transaction=True`), as production does: each
statement commits or fails on its own, and the end-of-test flush must still empty the tables."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from cyberdent.accounts.services import account_delete
from cyberdent.domain.evidence import genesis_hash, iso_utc
from cyberdent.incidents.evidence import (
    POSTGRESQL_TRIGGER_NAMES,
    SQLITE_TRIGGER_NAMES,
    evidence_purge_allowed,
    incident_chain_hash,
    incident_chain_verify,
    installed_trigger_names,
)
from cyberdent.incidents.models import Incident, JournalEntry, StepDone
from cyberdent.incidents.services import (
    incident_details_update,
    incident_journal_add,
    incident_step_mark_done,
)
from cyberdent.workspace.services import practice_delete
from tests.incidents.evidence_helpers import tamper, triggers_dropped
from tests.incidents.helpers import make_incident

REFUSED = "append-only"
transactional = pytest.mark.django_db(transaction=True)


def _evidence(personas: Any) -> tuple[Incident, StepDone, list[JournalEntry]]:
    incident = make_incident(personas.practice_a, personas.owner_a)
    step = incident_step_mark_done(
        incident=incident, step_id="isolate", user=personas.member_a, at=timezone.now()
    )
    entries = [
        incident_journal_add(
            incident=incident, user=personas.member_a, text=text, at=timezone.now()
        )
        for text in ("Écran bloqué", "Appel au prestataire", "Plainte déposée")
    ]
    return incident, step, entries


def _refused(action: Callable[[], object]) -> None:
    with pytest.raises((IntegrityError, DatabaseError), match=REFUSED), transaction.atomic():
        action()


def _raw(sql: str, *params: object) -> Callable[[], None]:
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))

    return run


def test_every_trigger_is_installed(db: None) -> None:
    """A migration that rebuilds one of these tables on SQLite drops its triggers: this fails
    then, until the migration runs install_evidence_triggers again."""
    if connection.vendor not in ("sqlite", "postgresql"):
        pytest.skip("no evidence triggers on this database")
    expected = SQLITE_TRIGGER_NAMES if connection.vendor == "sqlite" else POSTGRESQL_TRIGGER_NAMES
    assert installed_trigger_names() == set(expected)


# --- The journal.


@transactional
def test_journal_bypasses_are_refused(personas: Any) -> None:
    _, _, entries = _evidence(personas)
    entry = entries[1]
    table = JournalEntry._meta.db_table
    _refused(_raw(f"UPDATE {table} SET text = %s WHERE id = %s", "Rien vu", entry.pk))  # noqa: S608
    _refused(_raw(f"DELETE FROM {table} WHERE id = %s", entry.pk))  # noqa: S608
    _refused(_raw(f"DELETE FROM {table}"))  # noqa: S608
    _refused(lambda: JournalEntry._base_manager.filter(pk=entry.pk).update(text="Rien vu"))
    _refused(lambda: JournalEntry._base_manager.filter(pk=entry.pk).delete())
    _refused(lambda: JournalEntry._base_manager.update(created_at=timezone.now()))
    entry.text = "Rien vu"
    _refused(lambda: entry.save_base(force_update=True))
    _refused(
        lambda: JournalEntry.objects.bulk_create(
            [entry], update_conflicts=True, unique_fields=["id"], update_fields=["text"]
        )
    )
    # Nothing changed, and the chain still holds.
    assert [e.text for e in JournalEntry.objects.order_by("id")] == [
        "Écran bloqué",
        "Appel au prestataire",
        "Plainte déposée",
    ]
    assert incident_chain_verify(incident=entries[0].incident).ok


@transactional
def test_an_unchanged_rewrite_is_refused_too(personas: Any) -> None:
    _, _, entries = _evidence(personas)
    fresh = JournalEntry.objects.get(pk=entries[0].pk)
    _refused(lambda: fresh.save_base(force_update=True))


@transactional
def test_postgresql_refuses_truncate(personas: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's (SQLite's DELETE FROM fires the row triggers)")
    _evidence(personas)
    for table in ("incidents_journalentry", "incidents_stepdone", "incidents_incident"):
        _refused(_raw(f"TRUNCATE {table} CASCADE"))
    assert JournalEntry.objects.count() == 3


@transactional
def test_account_deletion_may_only_blank_the_author(personas: Any) -> None:
    _, step, entries = _evidence(personas)
    table = JournalEntry._meta.db_table
    _refused(
        _raw(
            f"UPDATE {table} SET author_id = NULL, text = %s WHERE id = %s",  # noqa: S608
            "Rien vu",
            entries[0].pk,
        )
    )
    _refused(_raw("UPDATE incidents_stepdone SET by_id = NULL, done_at = %s", timezone.now()))
    _refused(lambda: JournalEntry._base_manager.update(author=personas.owner_a))
    personas.member_a.delete()  # the account alone: SET NULL on the journal and the step
    assert not JournalEntry.objects.filter(author__isnull=False).exists()
    assert StepDone.objects.get(pk=step.pk).by_name == "assistante@lilas.test"
    assert incident_chain_verify(incident=step.incident).ok


# --- The step times and the discovery time.


@transactional
def test_step_bypasses_are_refused(personas: Any) -> None:
    _, step, _ = _evidence(personas)
    later = timezone.now() + dt.timedelta(hours=2)
    _refused(_raw("UPDATE incidents_stepdone SET done_at = %s WHERE id = %s", later, step.pk))
    _refused(_raw("DELETE FROM incidents_stepdone WHERE id = %s", step.pk))
    _refused(lambda: StepDone._base_manager.filter(pk=step.pk).update(done_at=later))
    _refused(lambda: StepDone.objects.filter(pk=step.pk).delete())
    _refused(lambda: step.delete())
    step.done_at = later
    _refused(lambda: step.save())
    _refused(lambda: step.save_base(force_update=True))
    _refused(
        lambda: StepDone.objects.bulk_create(
            [step], update_conflicts=True, unique_fields=["id"], update_fields=["done_at"]
        )
    )
    assert StepDone.objects.get(pk=step.pk).done_at != later


@transactional
def test_discovery_time_bypasses_are_refused(personas: Any) -> None:
    incident, _, _ = _evidence(personas)
    discovered = incident.discovered_at
    earlier = discovered - dt.timedelta(days=3)
    _refused(
        _raw("UPDATE incidents_incident SET discovered_at = %s WHERE id = %s", earlier, incident.pk)
    )
    _refused(lambda: Incident._base_manager.filter(pk=incident.pk).update(discovered_at=earlier))
    incident.discovered_at = earlier
    _refused(lambda: incident.save())
    _refused(lambda: incident.save_base(force_update=True))
    _refused(
        lambda: Incident.objects.bulk_create(
            [incident],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["discovered_at"],
        )
    )
    incident.refresh_from_db()
    assert incident.discovered_at == discovered
    # The rest of the incident is still edited as before.
    incident_details_update(
        incident=incident, complaint_reference="PV 123", affected_systems="", contacted=""
    )
    assert Incident.objects.get(pk=incident.pk).complaint_reference == "PV 123"


@transactional
def test_an_incident_is_not_deleted_alone(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)  # not even an empty one
    _refused(lambda: Incident.objects.filter(pk=incident.pk).delete())
    _refused(_raw("DELETE FROM incidents_incident WHERE id = %s", incident.pk))
    _, _, _ = _evidence(personas)
    _refused(lambda: personas.practice_a.delete())  # a bare ORM delete, outside the service
    assert Incident.objects.filter(practice=personas.practice_a).count() == 2


# --- The one way out: the whole practice goes.


@transactional
def test_deleting_the_practice_purges_its_incidents(personas: Any) -> None:
    _evidence(personas)
    other = make_incident(personas.practice_b, personas.owner_b)
    incident_journal_add(incident=other, user=personas.owner_b, text="B", at=timezone.now())
    practice_delete(practice=personas.practice_a, request=RequestFactory().post("/"))
    assert list(Incident.objects.all()) == [other]
    assert JournalEntry.objects.count() == 1 and not StepDone.objects.exists()
    # The permission ended with the deletion's transaction.
    _refused(lambda: JournalEntry._base_manager.all().delete())
    _refused(_raw("DELETE FROM incidents_incident"))


@transactional
def test_deleting_an_account_deletes_the_practices_it_was_alone_in(personas: Any) -> None:
    other = make_incident(personas.practice_b, personas.owner_b)
    incident_journal_add(incident=other, user=personas.owner_b, text="B", at=timezone.now())
    incident_step_mark_done(
        incident=other, step_id="isolate", user=personas.owner_b, at=timezone.now()
    )
    account_delete(user=personas.owner_b, request=RequestFactory().post("/"))
    assert not Incident.objects.filter(pk=other.pk).exists()
    assert not JournalEntry.objects.exists() and not StepDone.objects.exists()


@transactional
def test_the_purge_permission_does_not_outlive_a_failed_block(personas: Any) -> None:
    _evidence(personas)
    with pytest.raises(RuntimeError), transaction.atomic(), evidence_purge_allowed():
        raise RuntimeError("stop")
    with transaction.atomic():
        with evidence_purge_allowed():
            pass
        _refused(_raw("DELETE FROM incidents_journalentry"))  # after the block, same transaction
    with transaction.atomic(), evidence_purge_allowed():  # nested blocks
        with evidence_purge_allowed():
            pass
        JournalEntry._base_manager.all().delete()  # the outer permission still holds
        StepDone._base_manager.all().delete()
    assert not JournalEntry.objects.exists()


# --- The hash chain.


@pytest.mark.django_db
def test_entries_chain_from_the_incident(personas: Any) -> None:
    incident, _, entries = _evidence(personas)
    stored = list(JournalEntry.objects.filter(incident=incident).order_by("id"))
    assert [e.chain_hash for e in stored] == [e.chain_hash for e in entries]
    assert all(len(e.chain_hash) == 64 for e in stored)
    assert len({e.chain_hash for e in stored}) == 3
    result = incident_chain_verify(incident=incident)
    assert result.ok and result.count == 3
    assert result.final_hash == incident_chain_hash(incident=incident) == stored[-1].chain_hash
    # Each incident has its own chain.
    other = make_incident(personas.practice_a, personas.owner_a)
    assert incident_chain_hash(incident=other) is None
    first = incident_journal_add(incident=other, user=None, text="Écran bloqué", at=timezone.now())
    assert first.chain_hash not in {e.chain_hash for e in stored}
    assert genesis_hash(
        incident_id=other.pk, discovered_at=iso_utc(other.discovered_at)
    ) != genesis_hash(incident_id=incident.pk, discovered_at=iso_utc(incident.discovered_at))


@pytest.mark.django_db
def test_a_changed_entry_is_reported(personas: Any) -> None:
    incident, _, entries = _evidence(personas)
    tamper("UPDATE incidents_journalentry SET text = %s WHERE id = %s", ["Rien vu", entries[1].pk])
    result = incident_chain_verify(incident=incident)
    assert not result.ok and result.broken_index == 1


@pytest.mark.django_db
def test_a_removed_entry_is_reported(personas: Any) -> None:
    incident, _, entries = _evidence(personas)
    tamper("DELETE FROM incidents_journalentry WHERE id = %s", [entries[0].pk])
    assert incident_chain_verify(incident=incident).broken_index == 0


@pytest.mark.django_db
def test_a_changed_discovery_time_is_reported(personas: Any) -> None:
    incident, _, _ = _evidence(personas)
    earlier = incident.discovered_at - dt.timedelta(hours=5)
    tamper("UPDATE incidents_incident SET discovered_at = %s WHERE id = %s", [earlier, incident.pk])
    assert incident_chain_verify(incident=incident).broken_index == 0


@pytest.mark.django_db
def test_the_triggers_come_back_after_tampering(personas: Any) -> None:
    with triggers_dropped():
        pass
    if connection.vendor in ("sqlite", "postgresql"):
        assert installed_trigger_names()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_entries_do_not_fork_the_chain(personas: Any) -> None:
    """Two members write at the same moment: the second waits for the first's lock."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers by itself")
    incident = make_incident(personas.practice_a, personas.owner_a)
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def write(number: int) -> None:
        try:
            barrier.wait(timeout=10)
            incident_journal_add(
                incident=incident, user=None, text=f"Entrée {number}", at=timezone.now()
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    result = incident_chain_verify(incident=incident)
    assert result.ok and result.count == 4


@pytest.mark.django_db
def test_the_practice_dossier_gets_the_final_hash(
    personas: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.test import Client

    from cyberdent.incidents import views

    incident, _, entries = _evidence(personas)
    seen: dict[str, Any] = {}

    def render(*args: Any, **kwargs: Any) -> bytes:
        seen.update(kwargs)
        return b"%PDF-1.7 test"

    monkeypatch.setattr(views, "render_dossier_pdf", render)
    client = Client()
    client.force_login(personas.member_a)
    response = client.get(f"/cabinet/{personas.practice_a.pk}/incidents/{incident.pk}/dossier.pdf")
    assert response.status_code == 200
    assert seen["chain_hash"] == entries[-1].chain_hash


def _other_value(field: Any, personas: Any, incident: Incident) -> Any:
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return timezone.now() + dt.timedelta(hours=3)
    if kind in ("CharField", "TextField"):
        return "autre chose"
    if kind in ("AutoField", "BigAutoField"):
        return 10**9
    if field.is_relation and field.related_model is Incident:
        return make_incident(personas.practice_b, personas.owner_b)
    if field.is_relation:
        return personas.owner_b  # a user column: only "set to null" is allowed
    raise AssertionError(f"no other value for {field.name} ({kind}): add one to this test")


@transactional
@pytest.mark.parametrize(("model", "user_field"), [(JournalEntry, "author"), (StepDone, "by")])
def test_every_column_is_covered(personas: Any, model: Any, user_field: str) -> None:
    """Account deletion may set the user column to null, nothing else with it: each column,
    even one added later, is refused when it changes along (on SQLite the trigger lists the
    columns: a migration that adds one must run install_evidence_triggers again)."""
    incident, step, entries = _evidence(personas)
    row = step if model is StepDone else entries[0]
    rows = model._base_manager.filter(pk=row.pk)
    for field in model._meta.concrete_fields:
        value = _other_value(field, personas, incident)
        changes = (
            {field.name: value}
            if field.name == user_field
            else {
                field.name: value,
                user_field: None,
            }
        )
        _refused(lambda c=changes: rows.update(**c))
    rows.update(**{user_field: None})  # alone, it goes through
