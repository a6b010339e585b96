"""`cyberdent referential check [FILE]`."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberdent.cli.main import main


def test_default_file_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["referential", "check"]) == 0
    assert "ok:" in capsys.readouterr().out


def test_bad_file_exits_2_naming_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nversion: '1'\nlocale: en\n", encoding="utf-8")
    assert main(["referential", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "locale" in err
