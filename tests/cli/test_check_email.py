"""`cyberdent check-email FILE|-`: exit 0 with each verdict, the JSON shape, standard input,
and exit 2 with one line on stderr for input it refuses."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cyberdent.cli.main import main

CYBERDENT = Path(sys.executable).with_name("cyberdent")
CORPUS = Path(__file__).resolve().parents[1] / "domain" / "mailcheck" / "corpus"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("name", "verdict", "label"),
    [
        ("01_faux_remboursement_ameli.eml", "suspicious", "Très probablement une arnaque"),
        ("23_pression_seule.eml", "caution", "Prudence"),
        ("32_message_collegue.eml", "no_sign_found", "Aucun indice trouvé"),
    ],
)
def test_exit_0_whatever_the_verdict(
    name: str, verdict: str, label: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["check-email", str(CORPUS / name)], capsys)
    assert (code, err) == (0, "")
    assert out.startswith(label)
    code, out, err = run(["check-email", str(CORPUS / name), "--format", "json"], capsys)
    assert (code, err) == (0, "")
    assert json.loads(out)["verdict"] == verdict


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    file = str(CORPUS / "02_faux_doctolib_compte_suspendu.eml")
    code, out, _ = run(["check-email", file, "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert {"verdict", "verdict_label", "signals", "next_steps"} <= set(data)
    for signal in data["signals"]:
        assert set(signal) == {"id", "severity", "title", "explanation", "evidence"}
        assert signal["severity"] in ("high", "medium", "low")
        assert isinstance(signal["evidence"], list)


def test_text_output_shows_evidence_and_next_steps(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check-email", str(CORPUS / "04_fausse_facture_pdf_exe.eml")], capsys)
    assert code == 0
    assert "Facture_2026-1187.pdf.exe" in out
    assert "Que faire\u202f?" in out


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (CORPUS / "11_lien_ip.eml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source)))
    code, out, err = run(["check-email", "-", "--format", "json"], capsys)
    assert (code, err) == (0, "")
    assert json.loads(out)["verdict"] == "suspicious"


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cyberdent: error: ")
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "vide"),
        (b"juste du texte, pas un e-mail\n", "ne ressemble pas"),
        (bytes(range(256)) * 40, "ne ressemble pas"),
        (b"From: a@b.fr\n\n" + b"x" * (2 * 1024 * 1024 + 10), "2 Mo"),
    ],
)
def test_refused_files_exit_2_with_one_line(
    tmp_path: Path, content: bytes, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "message.eml"
    path.write_bytes(content)
    code, out, err = run(["check-email", str(path)], capsys)
    assert (code, out) == (2, "")
    assert words in one_error_line(err)


def test_directory_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check-email", str(tmp_path)], capsys)
    assert code == 2 and "directory" in one_error_line(err)
    code, _, err = run(["check-email", str(tmp_path / "absent.eml")], capsys)
    assert code == 2 and "no such file" in one_error_line(err)


def test_empty_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run(["check-email", "-"], capsys)
    assert code == 2 and "vide" in one_error_line(err)


@pytest.mark.skipif(not CYBERDENT.exists(), reason="console script not installed")
def test_the_real_command_on_garbage_and_on_standard_input(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.eml"
    garbage.write_bytes(bytes(range(256)) * 100)
    done = subprocess.run(
        [CYBERDENT, "check-email", str(garbage)], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 2 and done.stdout == b""
    assert len(done.stderr.decode().splitlines()) == 1 and b"Traceback" not in done.stderr
    done = subprocess.run(
        [CYBERDENT, "check-email", "-", "--format", "json"],
        input=(CORPUS / "32_message_collegue.eml").read_bytes(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout)["verdict"] == "no_sign_found"
