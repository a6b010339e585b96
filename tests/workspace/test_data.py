"""/cabinet/<id>/export/ and /cabinet/<id>/supprimer/: the practice's data rights."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from cyberdent.actionplan.models import ActionItem
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.audit.models import AuditEvent
from cyberdent.audit.services import audit_record
from cyberdent.practices.models import Invitation, Membership, Practice
from tests.conftest import Personas, all_yes
from tests.french import fr
from tests.practices.conftest import html, make_invitation


def export_url(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/export/"


def delete_url(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/supprimer/"


def fill_practice(personas: Personas) -> Invitation:
    diagnostic = SavedDiagnostic.objects.create(
        practice=personas.practice_a,
        created_by=personas.provider_a,
        referential_id="urps-occitanie-cyber",
        referential_version="1.0.0",
        answers=all_yes(backups="no"),
    )
    ActionItem.objects.create(
        diagnostic=diagnostic,
        action_id="test_backup_restore",
        status="in_progress",
        assignee=personas.member_a,
        due_date=dt.date(2027, 3, 1),
        note="Appeler le prestataire",
    )
    SavedDiagnostic.objects.create(
        practice=personas.practice_b,
        referential_id="urps-occitanie-cyber",
        referential_version="1.0.0",
        answers=all_yes(),
    )
    audit_record(kind="login", user=personas.owner_a, practice=personas.practice_a)
    audit_record(kind="login", user=personas.owner_b, practice=personas.practice_b)
    invitation, _ = make_invitation(
        personas.practice_a, "future@lilas.test", created_by=personas.owner_a
    )
    return invitation


# --- Export


def test_owner_gets_a_confirmation_page_then_a_json_file(
    client: Client, personas: Personas
) -> None:
    invitation = fill_practice(personas)
    client.force_login(personas.owner_a)
    page = client.get(export_url(personas))
    assert page.status_code == 200
    assert "Télécharger les données" in html(page)
    response = client.post(export_url(personas))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="cyberdent-cabinet-des-lilas-{today}.json"'
    )
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    assert invitation.token_hash not in body
    assert "token" not in body
    data = json.loads(body)
    assert data["practice"]["name"] == "Cabinet des Lilas"
    assert data["practice"]["department"] == "34"
    assert data["practice"]["department_name"] == "Hérault"
    assert data["practice"]["update_time"] == "12:30"
    assert {(m["email"], m["role"]) for m in data["members"]} == {
        ("titulaire@lilas.test", "owner"),
        ("assistante@lilas.test", "member"),
        ("prestataire@info.test", "it_provider"),
    }
    assert all(m["since"] for m in data["members"])
    assert data["invitations"] == [
        {
            "email": "future@lilas.test",
            "role": "member",
            "created_at": data["invitations"][0]["created_at"],
            "created_by": "titulaire@lilas.test",
            "expires_at": data["invitations"][0]["expires_at"],
            "accepted_at": None,
            "accepted_by": None,
        }
    ]
    assert len(data["diagnostics"]) == 1  # practice B's diagnostic is not there
    diagnostic = data["diagnostics"][0]
    assert diagnostic["created_by"] == "prestataire@info.test"
    assert diagnostic["referential_id"] == "urps-occitanie-cyber"
    assert diagnostic["referential_version"] == "1.0.0"
    assert diagnostic["answers"]["backups"] == "no"
    assert diagnostic["action_items"] == [
        {
            "action_id": "test_backup_restore",
            "status": "in_progress",
            "assignee": "assistante@lilas.test",
            "due_date": "2027-03-01",
            "note": "Appeler le prestataire",
            "updated_at": diagnostic["action_items"][0]["updated_at"],
        }
    ]
    kinds = [e["kind"] for e in data["audit_events"]]
    assert "login" in kinds
    assert "titulaire@port.test" not in body
    assert AuditEvent.objects.filter(
        practice=personas.practice_a, kind="export", user=personas.owner_a
    ).exists()


@pytest.mark.parametrize("who", ["member_a", "provider_a"])
def test_member_and_provider_cannot_export(client: Client, personas: Personas, who: str) -> None:
    client.force_login(getattr(personas, who))
    assert client.get(export_url(personas)).status_code == 403
    assert client.post(export_url(personas)).status_code == 403
    assert not AuditEvent.objects.filter(kind="export").exists()


def test_export_stranger_404_anonymous_login(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_b)
    assert client.post(export_url(personas)).status_code == 404
    client.logout()
    assert client.get(export_url(personas)).status_code == 302


# --- Delete


def test_owner_deletes_after_typing_the_name(client: Client, personas: Personas) -> None:
    fill_practice(personas)
    client.force_login(personas.owner_a)
    page = client.get(delete_url(personas))
    assert page.status_code == 200
    assert "recopiez le nom du cabinet" in html(page)
    response = client.post(delete_url(personas), {"name": " Cabinet des Lilas "})
    assert response.status_code == 302
    assert response["Location"] == "/espace/"
    pid = personas.practice_a.pk
    assert not Practice.objects.filter(pk=pid).exists()
    assert not Membership.objects.filter(practice_id=pid).exists()
    assert not SavedDiagnostic.objects.filter(practice_id=pid).exists()
    assert not ActionItem.objects.filter(diagnostic__practice_id=pid).exists()
    assert not Invitation.objects.filter(practice_id=pid).exists()
    event = AuditEvent.objects.get(kind="practice_deleted")
    assert event.practice is None
    assert event.user == personas.owner_a
    assert "Cabinet des Lilas" in event.detail
    # Practice B is untouched.
    assert SavedDiagnostic.objects.filter(practice=personas.practice_b).count() == 1
    home = html(client.get("/espace/"))
    assert fr("Le cabinet « Cabinet des Lilas » et toutes ses données ont été supprimés.") in home


@pytest.mark.parametrize(
    "typed",
    ["", "Cabinet du Port", "cabinet des lilas", "z" * 10_000],
    ids=["empty", "other", "lowercase", "10000-chars"],
)
def test_a_wrong_name_deletes_nothing(client: Client, personas: Personas, typed: str) -> None:
    client.force_login(personas.owner_a)
    response = client.post(delete_url(personas), {"name": typed})
    assert response.status_code == 200
    page = html(response)
    expected = (
        fr("Rien n'a été supprimé.") if typed else "Recopiez le nom du cabinet pour confirmer."
    )
    assert expected in page
    assert "Un point à corriger" in page
    assert Practice.objects.filter(pk=personas.practice_a.pk).exists()
    assert not AuditEvent.objects.filter(kind="practice_deleted").exists()


@pytest.mark.parametrize("who", ["member_a", "provider_a"])
def test_member_and_provider_cannot_delete(client: Client, personas: Personas, who: str) -> None:
    client.force_login(getattr(personas, who))
    assert client.get(delete_url(personas)).status_code == 403
    assert client.post(delete_url(personas), {"name": "Cabinet des Lilas"}).status_code == 403
    assert Practice.objects.filter(pk=personas.practice_a.pk).exists()


def test_delete_stranger_404_anonymous_login(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_b)
    assert client.post(delete_url(personas), {"name": "Cabinet des Lilas"}).status_code == 404
    assert Practice.objects.filter(pk=personas.practice_a.pk).exists()
    client.logout()
    response = client.post(delete_url(personas), {"name": "Cabinet des Lilas"})
    assert response.status_code == 302
    assert Practice.objects.filter(pk=personas.practice_a.pk).exists()


def test_export_includes_the_crisis_protocol_and_incidents(
    client: Client, personas: Personas
) -> None:
    import json

    from cyberdent.crisis.models import CrisisProtocol
    from cyberdent.incidents.models import Incident

    CrisisProtocol.objects.create(
        practice=personas.practice_a,
        contacts={"practice": "Cabinet des Lilas", "lead": {"name": "Dr A"}},
    )
    Incident.objects.create(
        practice=personas.practice_a,
        kind="ransomware",
        discovered_at=timezone.now(),
        patient_data="unknown",
    )
    client.force_login(personas.owner_a)
    response = client.post(f"/cabinet/{personas.practice_a.pk}/export/")
    data = json.loads(b"".join(response.streaming_content))
    assert data["crisis_protocol"]["contacts"]["lead"] == {"name": "Dr A"}
    assert [i["kind"] for i in data["incidents"]] == ["ransomware"]
