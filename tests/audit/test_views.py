"""The practice's security journal (audit/views.py): owners only, the right events, paginated."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from cyberdent.audit.models import AuditEvent
from cyberdent.audit.services import audit_record
from tests.accounts.helpers import log_in
from tests.conftest import Personas


def journal(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/journal/"


def rows(html: str) -> list[str]:
    marker = '<tbody role="rowgroup">'
    body = html.split(marker, 1)[1].split("</tbody>", 1)[0] if marker in html else ""
    return re.findall(r'<tr role="row">(.*?)</tr>', body, flags=re.DOTALL)


def test_owner_sees_members_logins_and_the_practice_events(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)  # itself a login, recorded first
    log_in(Client(), personas.member_a.email)
    log_in(Client(), personas.member_a.email.upper(), "mauvais mot de passe")
    audit_record(
        kind=AuditEvent.Kind.MEMBER_INVITED,
        user=personas.owner_a,
        practice=personas.practice_a,
        detail="nouvelle@lilas.test invité·e comme Membre de l'équipe.",
    )
    response = client.get(journal(personas))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Journal de sécurité</h1>" in html
    for header in ["Date et heure", "Événement", "Qui", "Détail"]:
        assert f'<th scope="col" role="columnheader">{header}</th>' in html
    found = rows(html)
    text = "\n".join(found)
    assert "Connexion" in text and personas.member_a.email in text
    assert "Échec de connexion" in text
    assert "Membre invité" in text and "nouvelle@lilas.test" in text
    # Newest first: the invitation was recorded last.
    assert "Membre invité" in found[0]


def test_owner_does_not_see_strangers_or_other_practices(
    client: Client, personas: Personas
) -> None:
    log_in(Client(), personas.owner_b.email)
    log_in(Client(), "inconnu@ailleurs.test", "mauvais mot de passe")
    audit_record(kind=AuditEvent.Kind.EXPORT, user=personas.owner_b, practice=personas.practice_b)
    client.force_login(personas.owner_a)
    html = client.get(journal(personas)).content.decode()
    assert personas.owner_b.email not in html
    assert "inconnu@ailleurs.test" not in html
    assert "Export des données" not in html


def test_events_from_before_joining_stay_private(client: Client, personas: Personas) -> None:
    old = audit_record(kind=AuditEvent.Kind.PASSWORD_CHANGED, user=personas.member_a)
    long_ago = personas.practice_a.memberships.get(user=personas.member_a).created_at
    AuditEvent.objects.filter(pk=old.pk).update(created_at=long_ago - dt.timedelta(days=30))
    client.force_login(personas.owner_a)
    assert "Mot de passe changé" not in client.get(journal(personas)).content.decode()


def test_times_are_shown_in_paris_time(client: Client, personas: Personas) -> None:
    event = audit_record(kind=AuditEvent.Kind.EXPORT, practice=personas.practice_a)
    winter_noon_utc = dt.datetime(2026, 1, 15, 11, 30, tzinfo=dt.UTC)
    AuditEvent.objects.filter(pk=event.pk).update(created_at=winter_noon_utc)
    client.force_login(personas.owner_a)
    html = client.get(journal(personas)).content.decode()
    assert "15/01/2026 à 12\u00a0h\u00a030" in html


@pytest.mark.parametrize("persona", ["member_a", "provider_a"])
def test_members_and_providers_are_refused(
    client: Client, personas: Personas, persona: str
) -> None:
    client.force_login(getattr(personas, persona))
    assert client.get(journal(personas)).status_code == 403


def test_stranger_gets_404(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_b)
    assert client.get(journal(personas)).status_code == 404
    assert client.get("/cabinet/999999/journal/").status_code == 404


def test_anonymous_is_sent_to_login(client: Client, personas: Personas) -> None:
    response = client.get(journal(personas))
    assert response.status_code == 302
    assert response.url.startswith("/comptes/login/?next=")


def test_pagination_fifty_per_page_and_bad_page_numbers(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    AuditEvent.objects.all().delete()
    for n in range(120):
        audit_record(
            kind=AuditEvent.Kind.EXPORT, practice=personas.practice_a, detail=f"export n°{n}"
        )
    first = client.get(journal(personas)).content.decode()
    assert len(rows(first)) == 50
    assert "export n°119" in rows(first)[0]  # newest first
    assert "Page 1 sur 3" in first
    assert '?page=2" rel="next"' in first
    third = client.get(journal(personas), {"page": "3"}).content.decode()
    assert len(rows(third)) == 20 and "export n°0<" in rows(third)[-1]
    for bad, expected in [("abc", 1), ("0", 3), ("-4", 3), ("999", 3), ("9" * 40, 3), ("", 1)]:
        response = client.get(journal(personas), {"page": bad})
        assert response.status_code == 200, bad
        assert f"Page {expected} sur 3" in response.content.decode(), bad


def test_empty_journal_says_so(client: Client, personas: Personas) -> None:
    AuditEvent.objects.all().delete()
    client.force_login(personas.owner_b)
    AuditEvent.objects.all().delete()  # force_login records a login
    html = client.get(f"/cabinet/{personas.practice_b.pk}/journal/").content.decode()
    assert "Aucun événement pour le moment." in html


def test_post_is_not_allowed_to_change_anything(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    before = AuditEvent.objects.count()
    client.post(journal(personas), {"kind": "export"})
    assert AuditEvent.objects.count() == before


def test_a_long_journal_is_counted_only_up_to_a_limit(
    client: Client, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cyberdent.audit import views

    monkeypatch.setattr(views, "COUNT_LIMIT", 60)
    client.force_login(personas.owner_a)
    AuditEvent.objects.all().delete()
    AuditEvent.objects.bulk_create(
        AuditEvent(kind="export", practice=personas.practice_a, detail=f"export n°{n}")
        for n in range(120)
    )
    with CaptureQueriesContext(connection) as captured:
        first = client.get(journal(personas)).content.decode()
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1 and "LIMIT 60" in counts[0]
    assert len(rows(first)) == 50
    assert "Page 1 (plus de 59 événements)" in first
    assert '<a href="?page=2" rel="next">' in first
    third = client.get(journal(personas), {"page": "3"}).content.decode()
    assert len(rows(third)) == 20 and "export n°0<" in rows(third)[-1]
    assert "Page 3 (plus de 59 événements)" in third
    assert '<a href="?page=2" rel="prev">' in third and 'rel="next"' not in third
    # Past either end: the last page, counted exactly then.
    for bad, expected in [
        ("abc", "Page 1 (plus de 59"),
        ("", "Page 1 (plus de 59"),
        ("0", "Page 3 sur 3"),
        ("-4", "Page 3 sur 3"),
        ("4", "Page 3 sur 3"),
        ("9" * 40, "Page 3 sur 3"),
    ]:
        response = client.get(journal(personas), {"page": bad})
        assert response.status_code == 200, bad
        assert expected in response.content.decode(), bad
