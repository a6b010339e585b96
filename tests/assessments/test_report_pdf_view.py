"""/cabinet/<id>/diagnostics/<id>/rapport.pdf: a saved diagnostic's report as a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.test import Client

from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.assessments.selectors import diagnostic_evaluate
from tests.assessments.helpers import login_url, save_diagnostic
from tests.conftest import Personas
from tests.documents.pdfcheck import assert_contains, assert_tagged_pdf_ua, pdf_text, render_png


def report_url(saved: SavedDiagnostic) -> str:
    return f"/cabinet/{saved.practice_id}/diagnostics/{saved.pk}/rapport.pdf"


def test_the_report_holds_score_level_and_every_action(
    client: Client, personas: Personas, tmp_path: Path
) -> None:
    saved = save_diagnostic(
        personas.practice_a, personas.provider_a, dt.date(2026, 3, 9), backups="no", mfa="unknown"
    )
    client.force_login(personas.member_a)
    response = client.get(report_url(saved))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="diagnostic-cabinet-des-lilas-2026-03-09.pdf"'
    )
    pdf = response.content
    evaluated = diagnostic_evaluate(saved)
    assert evaluated is not None
    a = evaluated.assessment
    assert (a.score, a.max_score) == (9, 11)
    titles = [action.title for action in a.actions]
    assert titles
    assert_contains(pdf, "Cabinet des Lilas", "9 mars 2026", "9/11", a.level_info.label)
    assert_contains(pdf, *titles)
    assert_contains(pdf, "Je ne sais pas")
    assert_contains(pdf, f"{a.referential_id} {a.referential_version}")
    assert_tagged_pdf_ua(pdf)
    assert render_png(pdf, tmp_path)


def test_the_date_is_the_diagnostics_in_paris(client: Client, personas: Personas) -> None:
    saved = save_diagnostic(personas.practice_a, personas.owner_a)
    # 23:30 UTC on 31 December is already 1 January in Paris.
    moment = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
    SavedDiagnostic.objects.filter(pk=saved.pk).update(created_at=moment)
    client.force_login(personas.owner_a)
    response = client.get(report_url(saved))
    assert "2026-01-01" in response["Content-Disposition"]
    assert "1er janvier 2026" in pdf_text(response.content)


def test_the_result_page_links_to_the_report(client: Client, personas: Personas) -> None:
    saved = save_diagnostic(personas.practice_a, personas.owner_a)
    client.force_login(personas.member_a)
    html = client.get(f"/cabinet/{saved.practice_id}/diagnostics/{saved.pk}/").content.decode()
    assert f'href="{report_url(saved)}"' in html
    assert "Télécharger le rapport (PDF)" in html


def test_an_unavailable_referential_version_is_explained(
    client: Client, personas: Personas
) -> None:
    saved = save_diagnostic(personas.practice_a, personas.owner_a)
    SavedDiagnostic.objects.filter(pk=saved.pk).update(referential_version="0.0.0-gone")
    client.force_login(personas.owner_a)
    response = client.get(report_url(saved))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Ce rapport ne peut pas être produit" in response.content.decode()


def test_every_role_may_download_it(client: Client, personas: Personas) -> None:
    saved = save_diagnostic(personas.practice_a, personas.owner_a)
    for user in (personas.owner_a, personas.provider_a, personas.member_a):
        client.force_login(user)
        assert client.get(report_url(saved)).status_code == 200


def test_forged_ids_strangers_and_anonymous(client: Client, personas: Personas) -> None:
    saved_a = save_diagnostic(personas.practice_a, personas.owner_a)
    saved_b = save_diagnostic(personas.practice_b, personas.owner_b)
    client.force_login(personas.owner_a)
    forged = f"/cabinet/{personas.practice_a.pk}/diagnostics/{saved_b.pk}/rapport.pdf"
    assert client.get(forged).status_code == 404
    missing = f"/cabinet/{personas.practice_a.pk}/diagnostics/999999/rapport.pdf"
    assert client.get(missing).status_code == 404
    client.force_login(personas.owner_b)
    assert client.get(report_url(saved_a)).status_code == 404
    client.logout()
    response = client.get(report_url(saved_a))
    assert response.status_code == 302 and response["Location"] == login_url(report_url(saved_a))
