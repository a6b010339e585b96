"""Static files are sent compressed (brotli or gzip, made at collectstatic) in every mode; pages
are not (BREACH: they carry the CSRF token), see STORAGES in config/settings.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

CSS = "cyberdent/cyberdent.css"


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield root


def test_collectstatic_writes_a_brotli_and_a_gzip_copy(collected: Path) -> None:
    for suffix in (".br", ".gz"):
        copy = collected / (CSS + suffix)
        assert copy.exists()
        assert copy.stat().st_size < (collected / CSS).stat().st_size / 2


@pytest.mark.parametrize(("accepts", "encoding"), [("br, gzip", "br"), ("gzip", "gzip")])
def test_a_browser_gets_the_smallest_copy_it_accepts(
    collected: Path, accepts: str, encoding: str
) -> None:
    plain = (collected / CSS).read_bytes()
    response = Client().get(f"/static/{CSS}", HTTP_ACCEPT_ENCODING=accepts)
    body = b"".join(response.streaming_content)
    assert response["Content-Encoding"] == encoding
    assert len(body) < len(plain) / 2
    assert "Accept-Encoding" in response["Vary"]


def test_without_accept_encoding_the_file_is_sent_as_is(collected: Path) -> None:
    response = Client().get(f"/static/{CSS}")
    assert not response.has_header("Content-Encoding")
    assert b"".join(response.streaming_content) == (collected / CSS).read_bytes()


@pytest.mark.django_db
def test_pages_are_not_compressed(client: Client) -> None:
    response = client.get("/diagnostic/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
