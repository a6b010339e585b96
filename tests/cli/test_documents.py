"""`cyberdent report` and `cyberdent protocol`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cyberdent.cli.main import main
from tests.conftest import all_yes
from tests.documents.pdfcheck import assert_contains, page_count
from tests.french import fr


def test_report_from_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(all_yes(backups="no")), encoding="utf-8")
    out = tmp_path / "report.pdf"
    argv = ["report", "--answers", str(answers), "-o", str(out), "--practice", "Cabinet Test"]
    assert main([*argv, "--date", "2026-11-28"]) == 0
    assert "written:" in capsys.readouterr().out
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert_contains(pdf, "Cabinet Test", "10/11", "Risque élevé", "28 novembre 2026")


def test_protocol_from_yaml_contacts(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text(
        "practice: Cabinet Test\n"
        "it_provider: {name: Info Santé, phone: '04 67 00 00 00', hours: '8 h–18 h'}\n"
        "insurer: {name: Assur, contract: 'N-42', phone: '01 00 00 00 00'}\n"
        "police: {name: Gendarmerie, address: '1 place X', phone: '17'}\n"
        "lead: {name: Dr Test, phone: '06 00 00 00 00'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "poster.pdf"
    assert main(["protocol", "--contacts", str(contacts), "-o", str(out)]) == 0
    pdf = out.read_bytes()
    assert page_count(pdf) == 1
    assert_contains(pdf, "Info Santé", "N-42", "Gendarmerie", "Dr Test")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"it_provider": {"phone": "abc"}}', fr("téléphone : saisissez un numéro")),
        ('{"insurance": {}}', fr("« insurance » : clé inconnue")),
        ('{"lead": {"name": "' + "x" * 5000 + '"}}', "120 caractères au maximum"),
        ('{"practice": ', "malformed file"),
        ("[1, 2]", "expected a mapping"),
    ],
)
def test_protocol_bad_contacts_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    contacts = tmp_path / "contacts.json"
    contacts.write_text(content, encoding="utf-8")
    out = tmp_path / "poster.pdf"
    assert main(["protocol", "--contacts", str(contacts), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    assert not out.exists()


def test_report_bad_answers_and_bad_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"passwords": "yes"}), encoding="utf-8")
    assert main(["report", "--answers", str(answers), "-o", str(tmp_path / "r.pdf")]) == 2
    assert "'mfa': missing answer" in capsys.readouterr().err
    answers.write_text(json.dumps(all_yes()), encoding="utf-8")
    target = tmp_path / "no-such-dir" / "r.pdf"
    assert main(["report", "--answers", str(answers), "-o", str(target)]) == 2
    assert "cannot write file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["report", "--answers", str(answers), "-o", "x.pdf", "--date", "28/11/2026"])
    assert caught.value.code == 2
