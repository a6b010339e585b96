"""« À propos » (/a-propos/): what CyberDent is, the brochure it comes from, the référentiel's
id and version, and the command-line tool for IT providers, with one example command."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from cyberdent.cli.main import main
from cyberdent.domain.referential_models import Referential
from tests.conftest import QUESTION_IDS
from tests.french import fr

pytestmark = pytest.mark.django_db


def about(client: Client) -> str:
    response = client.get("/a-propos/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_about_is_named_and_linked_from_every_footer(client: Client) -> None:
    assert reverse("web:about") == "/a-propos/"
    for url in ("/", "/mesures/", "/incident/", "/diagnostic/"):
        footer = client.get(url).content.decode().split('<footer class="site-footer">', 1)[1]
        assert 'href="/a-propos/"' in footer, url


def test_about_gives_the_referential_id_and_version(client: Client, ref: Referential) -> None:
    html = about(client)
    assert "<h1>À propos de CyberDent</h1>" in html
    assert f"<dt>Identifiant</dt><dd><code>{ref.id}</code></dd>" in html
    assert f"<dt>Version</dt><dd><code>{ref.version}</code></dd>" in html


def test_about_credits_the_brochure(client: Client, ref: Referential) -> None:
    html = about(client)
    assert fr(f"brochure « Cybersécurité » de l’{ref.source.publisher.name}") in html


def test_about_tells_it_providers_about_the_command_line_tool(client: Client) -> None:
    html = about(client)
    assert "Pour les prestataires informatiques" in html
    assert "<code>cyberdent</code>" in html
    assert "<code>cyberdent diagnose --answers reponses.yaml</code>" in html
    assert "README" not in html


def test_the_cli_mention_left_the_home_page(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "cyberdent diagnose" not in html and "README" not in html
    assert '<a href="/a-propos/">CyberDent existe aussi en ligne de commande</a>' in html


def test_about_answers_get_and_head_only(client: Client) -> None:
    assert client.head("/a-propos/").status_code == 200
    assert client.post("/a-propos/").status_code == 405


def test_the_example_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "reponses.yaml").write_text(
        "\n".join(f"{qid}: yes" for qid in QUESTION_IDS), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["diagnose", "--answers", "reponses.yaml"]) == 0
    assert "11/11" in capsys.readouterr().out
