"""A saved diagnostic's result: the same report as the anonymous page, with its own version."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client

from cyberdent.assessments import selectors
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain.loader import DEFAULT_REFERENTIAL, REFERENTIAL_DIR, load_referential_version
from cyberdent.domain.referential_models import Referential
from tests.assessments.helpers import save_diagnostic
from tests.conftest import Personas, all_yes


def detail_url(saved: SavedDiagnostic) -> str:
    return f"/cabinet/{saved.practice_id}/diagnostics/{saved.pk}/"


def test_the_result_date_author_and_links(
    client: Client, personas: Personas, ref: Referential
) -> None:
    saved = save_diagnostic(
        personas.practice_a, personas.provider_a, dt.date(2026, 3, 9), backups="no", mfa="unknown"
    )
    client.force_login(personas.member_a)
    html = client.get(detail_url(saved)).content.decode()
    assert "<h1>Diagnostic du 9 mars 2026</h1>" in html
    assert "rempli par prestataire@info.test" in html
    assert "Cabinet des Lilas" in html
    assert "9/11" in html and "Risque élevé" in html and "level-high" in html
    assert "À faire en priorité" in html and "Je ne sais pas" in html
    assert f'href="/cabinet/{personas.practice_a.pk}/plan/"' in html
    assert f"version {ref.version}" in html
    assert "Faire un nouveau diagnostic" not in html  # a member may not
    assert "Comparer avec le diagnostic précédent" not in html  # there is none


def test_links_to_compare_with_the_previous_one(client: Client, personas: Personas) -> None:
    first = save_diagnostic(personas.practice_a, personas.owner_a, dt.date(2026, 1, 5))
    second = save_diagnostic(personas.practice_a, personas.owner_a, dt.date(2026, 4, 5))
    client.force_login(personas.owner_a)
    html = client.get(detail_url(second)).content.decode()
    assert f"comparer/?avant={first.pk}&amp;apres={second.pk}" in html
    assert "Faire un nouveau diagnostic" in html


def test_an_author_whose_account_was_deleted(client: Client, personas: Personas) -> None:
    saved = save_diagnostic(personas.practice_a, personas.provider_a)
    personas.provider_a.delete()
    client.force_login(personas.owner_a)
    assert "rempli par un compte supprimé" in client.get(detail_url(saved)).content.decode()


@pytest.fixture
def archived_0_9(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An archived version 0.9.0 where a score of 7 is still high risk (threshold 7)."""
    data: dict[str, Any] = yaml.safe_load(DEFAULT_REFERENTIAL.read_text(encoding="utf-8"))
    old = copy.deepcopy(data)
    old["version"] = "0.9.0"
    old["rule"]["high_if_score_at_most"] = 7
    next(lvl for lvl in old["rule"]["levels"] if lvl["id"] == "moderate")["min_score"] = 8
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(old, allow_unicode=True), "utf-8")

    def with_archive(referential_id: str, version: str) -> Referential:
        return load_referential_version(referential_id, version, [REFERENTIAL_DIR, tmp_path])

    monkeypatch.setattr(selectors, "load_referential_version", with_archive)


def test_an_old_diagnostic_keeps_its_old_result(
    client: Client, personas: Personas, ref: Referential, archived_0_9: None
) -> None:
    answers = all_yes(mfa="no", wifi_separation="no", phishing_training="no", auto_lock="no")
    old = SavedDiagnostic.objects.create(
        practice=personas.practice_a,
        created_by=personas.owner_a,
        referential_id=ref.id,
        referential_version="0.9.0",
        answers=answers,
    )
    new = save_diagnostic(
        personas.practice_a,
        personas.owner_a,
        mfa="no",
        wifi_separation="no",
        phishing_training="no",
        auto_lock="no",
    )
    client.force_login(personas.owner_a)
    old_html = client.get(detail_url(old)).content.decode()
    new_html = client.get(detail_url(new)).content.decode()
    assert "7/11" in old_html and "Risque élevé" in old_html and "version 0.9.0" in old_html
    assert "7/11" in new_html and "Risque modéré" in new_html


def test_a_diagnostic_whose_version_is_gone_is_explained_not_a_500(
    client: Client, personas: Personas, ref: Referential
) -> None:
    lost = SavedDiagnostic.objects.create(
        practice=personas.practice_a,
        created_by=personas.owner_a,
        referential_id=ref.id,
        referential_version="0.1-disparue",
        answers=all_yes(),
    )
    broken = SavedDiagnostic.objects.create(
        practice=personas.practice_a,
        created_by=personas.owner_a,
        referential_id=ref.id,
        referential_version=ref.version,
        answers=["pas", "un", "dictionnaire"],
    )
    client.force_login(personas.owner_a)
    for saved in (lost, broken):
        response = client.get(detail_url(saved))
        assert response.status_code == 200
        assert "Ce diagnostic ne peut pas être affiché" in response.content.decode()
    assert "version 0.1-disparue" in client.get(detail_url(lost)).content.decode()
    history = client.get(f"/cabinet/{personas.practice_a.pk}/diagnostics/")
    assert history.status_code == 200
    assert history.content.decode().count("Résultat indisponible") == 2
