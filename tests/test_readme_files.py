"""The files the README shows work as shown (the README is code)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cyberdent.cli.main import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def yaml_block_after(sentence: str) -> str:
    match = re.search(re.escape(sentence) + r".*?```yaml\n(.*?)```", README, re.S)
    assert match, f"no YAML block after {sentence!r} in the README"
    return match.group(1)


def test_the_answers_file_of_the_readme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml_block_after("An answers file"), encoding="utf-8")
    assert main(["diagnose", "--answers", str(answers), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"score": 7' in out and '"risk_level": "high"' in out


def test_the_contacts_file_of_the_readme(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text(yaml_block_after("A contacts file"), encoding="utf-8")
    pdf = tmp_path / "fiche-reflexe.pdf"
    assert main(["protocol", "--contacts", str(contacts), "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_the_report_command_of_the_readme(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml_block_after("An answers file"), encoding="utf-8")
    pdf = tmp_path / "rapport.pdf"
    args = ["report", "--answers", str(answers), "-o", str(pdf), "--date", "2026-11-28"]
    assert main([*args, "--practice", "Cabinet des Lilas"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "report --answers answers.yaml -o rapport.pdf" in README


def test_the_json_fields_the_readme_lists_are_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml_block_after("An answers file"), encoding="utf-8")
    assert main(["diagnose", "--answers", str(answers), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    paragraph = re.search(r"The JSON output holds (.*?)\(in plan order", README, re.S)
    assert paragraph
    # Top-level names are the backticked words not inside the parentheses that describe one.
    top = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)|\{[^}]*\}", "", paragraph.group(1))
    assert set(re.findall(r"`(\w+)`", top)) == set(data)


def test_the_readme_points_nowhere_outside_the_repository() -> None:
    assert "../" not in README
    for path in re.findall(r"`((?:src|tests|docs|bench)/[\w./-]+)`", README):
        assert (Path(__file__).resolve().parents[1] / path).exists(), path


def _block_after(sentence: str, language: str) -> str:
    match = re.search(re.escape(sentence) + rf".*?```{language}\n(.*?)```", README, re.S)
    assert match, f"no {language} block after {sentence!r} in the README"
    return match.group(1)


@pytest.mark.django_db
def test_the_observatory_commands_of_the_readme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every `cyberdent observatory` line of the README runs as shown, on its CSV file."""
    from cyberdent.observatory.models import Contribution, StaffMember

    monkeypatch.chdir(tmp_path)
    (tmp_path / "questionnaires.csv").write_text(
        _block_after("A paper questionnaires file", "csv"), encoding="utf-8"
    )
    commands = re.findall(
        r"^\.venv/bin/cyberdent (observatory [^#\n]*?)\s*(?:#.*)?$",
        _block_after("## The union's observatory", "sh"),
        re.M,
    )
    assert len(commands) == 6, commands
    for command in commands:
        args = command.split()
        if args[:2] == ["observatory", "demo"] and "--contributions" in args:
            args[args.index("--contributions") + 1] = "300"  # the README's 100,000, smaller
        assert main(args) == 0, command
    out = capsys.readouterr().out
    assert StaffMember.objects.filter(user__email="dpo@urps-occitanie.example").exists()
    assert (
        (tmp_path / "fig.csv")
        .read_text(encoding="utf-8")
        .startswith("departement,contributions,risk_high,risk_moderate,risk_low,met_passwords,")
    )
    assert '"by": [' in out and "size_band" in out
    # The two paper questionnaires stay; the demo data is gone.
    assert Contribution.objects.filter(demo=False).count() == 2
    assert not Contribution.objects.filter(demo=True).exists()


def test_the_check_email_commands_of_the_readme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cyberdent check-email` as the README shows it, on a message of the test corpus."""
    import io
    import json
    import shutil

    corpus = Path(__file__).resolve().parent / "domain" / "mailcheck" / "corpus"
    shutil.copy(corpus / "01_faux_remboursement_ameli.eml", tmp_path / "message.eml")
    monkeypatch.chdir(tmp_path)
    lines = re.findall(
        r"^\.venv/bin/cyberdent (check-email [^#\n]*?)\s*(?:#.*)?$",
        _block_after("## Hameçonnage", "sh"),
        re.M,
    )
    assert len(lines) == 2, lines
    assert main(lines[0].split()) == 0
    assert "Très probablement une arnaque" in capsys.readouterr().out
    args, _, stdin = lines[1].partition(" < ")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(Path(stdin).read_bytes())))
    assert main(args.split()) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "suspicious"
