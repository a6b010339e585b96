"""`cyberdent diagnose`: from a file (text, JSON), interactively, and with bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cyberdent.cli.main import main
from tests.conftest import all_yes
from tests.french import fr


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def answers_file(tmp_path: Path, raw: object, name: str = "answers.json") -> str:
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(raw), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return str(path)


def test_json_output_has_the_documented_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = answers_file(tmp_path, all_yes(backups="unknown", mfa="no", cyber_insurance="no"))
    code, out, err = run(["diagnose", "--answers", file, "--format", "json"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["referential"] == {"id": "urps_cd_occitanie_cyber", "version": "1.0.0"}
    assert (data["score"], data["max_score"], data["risk_level"]) == (9, 11, "high")
    assert data["critical_missing"] == ["backups"]
    assert data["unknown"] == ["backups"]
    actions = data["actions"]
    assert [a["priority"] for a in actions] == [
        "critical",
        "normal",
        "complementary",
        "complementary",
    ]
    assert actions[0]["question_ids"] == ["backups"]
    assert {"id", "title", "question_ids", "priority"} <= set(actions[0])
    assert data["verdict"].startswith(fr("Une mesure critique n'est pas assurée"))


def test_json_labels_read_a_verifier_for_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = answers_file(tmp_path, all_yes(backups="unknown", mfa="no", cyber_insurance="unknown"))
    code, out, _ = run(["diagnose", "--answers", file, "--format", "json"], capsys)
    statuses = {row["question_id"]: row for row in json.loads(out)["statuses"]}
    assert code == 0 and len(statuses) == 13
    assert statuses["backups"]["status_label"] == "? À vérifier"
    assert statuses["backups"]["status"] == "to_check"
    assert statuses["cyber_insurance"]["status_label"] == "? À vérifier"
    assert statuses["mfa"]["status_label"] == "✗ À traiter"
    assert statuses["passwords"]["status_label"] == "✓ En place"
    assert "n'est pas en place" not in out


def test_yaml_input_and_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = answers_file(tmp_path, all_yes(), "answers.yaml")
    code, out, _ = run(["diagnose", "--answers", file], capsys)
    assert code == 0
    assert fr("Score : 11/11") in out
    assert "Risque faible" in out
    assert "Entretenir vos acquis" in out


def test_text_output_lists_priority_actions_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = answers_file(tmp_path, all_yes(passwords="no"))
    code, out, _ = run(["diagnose", "--answers", file, "--format", "text"], capsys)
    assert code == 0
    assert "Risque élevé" in out
    assert out.index("À faire en priorité") < out.index("Mesures complémentaires")


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (all_yes(antivirus="yes"), "a.json", "unknown question id 'antivirus'"),
        ({k: v for k, v in all_yes().items() if k != "mfa"}, "a.json", "'mfa': missing answer"),
        (all_yes(passwords="not_applicable"), "a.yaml", "'passwords': value 'not_applicable'"),
        (all_yes(mfa="peut-être"), "a.json", "'mfa': value 'peut-être' is not allowed"),
        (["yes"] * 11, "a.json", "expected a mapping"),
    ],
)
def test_bad_answers_exit_2_with_one_clear_message(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: object,
    name: str,
    expected: str,
) -> None:
    file = answers_file(tmp_path, content, name)
    code, out, err = run(["diagnose", "--answers", file, "--format", "json"], capsys)
    assert code == 2
    assert out == ""
    assert expected in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_malformed_and_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"passwords": "yes",', encoding="utf-8")
    code, _, err = run(["diagnose", "--answers", str(broken)], capsys)
    assert code == 2 and "broken.json: malformed file" in err
    code, _, err = run(["diagnose", "--answers", str(tmp_path / "missing.yaml")], capsys)
    assert code == 2 and "missing.yaml: cannot read file" in err
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    code, _, err = run(["diagnose", "--answers", str(binary)], capsys)
    assert code == 2 and "cannot read file" in err


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["diagnose", "--format", "xml"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    code, _, err = run(["diagnose", "--format", "json"], capsys)
    assert code == 2 and "--format json needs --answers" in err


def test_interactive_questions_with_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # "?" shows help, "x" is refused, then 11 answers and 2 complementary.
    typed = ["?", "x", "o"] + ["o"] * 7 + ["c", "o", "j"] + ["n", "o"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(typed) + "\n"))
    code, out, _ = run(["diagnose"], capsys)
    assert code == 0
    assert fr("Comment vérifier ?") in out
    assert "Réponse non reconnue" in out
    assert fr("Score : 10/11") in out  # crisis_protocol unknown, hds not applicable
    assert "Risque faible" in out


def test_interactive_input_ending_early_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("o\no\n"))
    code, _, err = run(["diagnose"], capsys)
    assert code == 2 and "input ended" in err


def test_console_script_is_installed(tmp_path: Path) -> None:
    file = answers_file(tmp_path, all_yes(mfa="no"))
    script = Path(sys.executable).parent / "cyberdent"
    done = subprocess.run(
        [str(script), "diagnose", "--answers", file, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["score"] == 10
    bad = subprocess.run(
        [str(script), "diagnose", "--answers", str(tmp_path / "nope.json")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
