"""`cyberdent observatory import|export|demo|staff`: all-or-nothing imports with every bad line
named in French, exports through the suppression rule, deterministic demo data that `--clear`
removes alone, and the union's staff accounts. Bad input of any kind: exit 2, one line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from allauth.account.utils import filter_users_by_email

from cyberdent.cli.main import main
from cyberdent.observatory.models import Block, Contribution, StaffMember
from tests.conftest import QUESTION_IDS, make_user
from tests.french import fr

HEADER = ",".join(("departement", "size_band", "period", *QUESTION_IDS))
EXPECTED_COLUMNS = [
    "contributions",
    "risk_high",
    "risk_moderate",
    "risk_low",
    *(f"met_{q}" for q in QUESTION_IDS),
]


def _line(departement: str, band: str, period: str, **answers: str) -> str:
    values = [answers.get(q, "yes") for q in QUESTION_IDS]
    return ",".join((departement, band, period, *values))


def _file(tmp_path: Path, *lines: str, name: str = "papier.csv") -> str:
    path = tmp_path / name
    path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
    return str(path)


def _import(tmp_path: Path, *lines: str) -> None:
    assert main(["observatory", "import", _file(tmp_path, *lines, name="setup.csv")]) == 0


def _counts() -> tuple[int, int]:
    return Contribution.objects.count(), Block.objects.count()


# --- import


@pytest.mark.django_db
def test_import_a_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(
        tmp_path,
        _line("31", "1", "2024-05"),
        _line("31", "1", "2024-05", backups="no", mfa="unknown"),
        _line("34", "2-5", "2024-06", hds_hosting="not_applicable"),
    )
    assert main(["observatory", "import", path]) == 0
    captured = capsys.readouterr()
    assert captured.out == fr("3 questionnaires importés depuis papier.csv.\n")
    assert captured.err == ""
    assert Contribution.objects.filter(demo=False).count() == 3
    assert Contribution.objects.filter(demo=True).count() == 0
    blocks = {(b.departement, b.size_band, b.period): b for b in Block.objects.all()}
    assert set(blocks) == {("31", "1", "2024-05"), ("34", "2-5", "2024-06")}
    toulouse = blocks[("31", "1", "2024-05")]
    assert (toulouse.n, toulouse.high, toulouse.moderate, toulouse.low) == (2, 1, 0, 1)
    assert toulouse.met["passwords"] == 2
    assert toulouse.met["backups"] == 1
    assert toulouse.met["mfa"] == 1
    # not_applicable counts as met for hds_hosting
    assert blocks[("34", "2-5", "2024-06")].met["hds_hosting"] == 1


@pytest.mark.django_db
def test_a_bad_line_in_the_middle_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(tmp_path, _line("31", "1", "2024-01"))
    before = _counts()
    capsys.readouterr()
    path = _file(
        tmp_path,
        _line("31", "1", "2024-05"),
        _line("31", "1", "2024-05", backups="peut-être"),
        _line("34", "2-5", "2024-06"),
        _line("99", "2-5", "2024-06"),
    )
    assert main(["observatory", "import", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1  # one line
    assert "ligne\u00a03" not in captured.err
    assert fr("ligne 3 : réponse « peut-être » impossible pour backups") in captured.err
    assert fr("ligne 5 : département « 99 » inconnu") in captured.err
    assert "ligne 2" not in captured.err and "ligne 4" not in captured.err
    assert fr("aucun questionnaire importé (2 problèmes)") in captured.err
    assert _counts() == before


@pytest.mark.django_db
def test_a_wrong_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "entete.csv"
    path.write_text(
        HEADER.replace("crisis_protocol", "crisis") + "\n" + _line("31", "1", "2024-05") + "\n",
        encoding="utf-8",
    )
    assert main(["observatory", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert fr("ligne 1 : l'en-tête doit être") in err
    assert _counts() == (0, 0)


@pytest.mark.django_db
def test_not_applicable_only_for_hds_hosting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, _line("31", "1", "2024-05", mfa="not_applicable"))
    assert main(["observatory", "import", path]) == 2
    err = capsys.readouterr().err
    assert fr("ligne 2 : réponse « not_applicable » impossible pour mfa") in err
    assert "(attendu\u202f: yes|no|unknown)" in err
    assert _counts() == (0, 0)


@pytest.mark.django_db
def test_an_emoji_is_a_clear_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, _line("31", "1", "2024-05", updates="oui 🦷"))
    assert main(["observatory", "import", path]) == 2
    err = capsys.readouterr().err
    assert fr("ligne 2 : réponse « oui 🦷 » impossible pour updates") in err
    assert _counts() == (0, 0)


@pytest.mark.django_db
def test_a_future_month_and_a_bad_month(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, _line("31", "1", "2999-01"), _line("31", "1", "2024-13"))
    assert main(["observatory", "import", path]) == 2
    err = capsys.readouterr().err
    assert fr("ligne 2 : le mois 2999-01 n'est pas encore passé") in err
    assert "ligne\u00a03" not in err and fr("ligne 3 :") in err
    assert _counts() == (0, 0)


@pytest.mark.django_db
def test_semicolons_and_windows_1252(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # What a French spreadsheet saves.
    path = tmp_path / "excel.csv"
    text = HEADER.replace(",", ";") + "\r\n" + _line("48", "11+", "2024-05").replace(",", ";")
    path.write_bytes(text.encode("cp1252"))
    assert main(["observatory", "import", str(path)]) == 0
    assert Contribution.objects.get().departement == "48"


@pytest.mark.django_db
def test_a_header_only_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["observatory", "import", _file(tmp_path)]) == 2
    assert fr("aucun questionnaire") in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["missing", "folder", "binary", "empty"])
@pytest.mark.django_db
def test_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    path = tmp_path / "x.csv"
    if kind == "folder":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(b"\x00\xff\xfe\x89PNG\r\n\x1a\n" * 50)
    elif kind == "empty":
        path.write_bytes(b"")
    assert main(["observatory", "import", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("cyberdent: error: ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    assert _counts() == (0, 0)


# --- export


def _export(capsys: pytest.CaptureFixture[str], *args: str) -> list[list[str]]:
    assert main(["observatory", "export", *args]) == 0
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


def _by_key(rows: list[list[str]], width: int) -> dict[tuple[str, ...], dict[str, str]]:
    header = rows[0]
    return {tuple(row[:width]): dict(zip(header, row, strict=True)) for row in rows[1:]}


@pytest.fixture
def published(tmp_path: Path, db: None) -> None:
    """Toulouse, solo practices, May 2024: 5 contributions (published); Montpellier, 2–5,
    June 2024: 3 (withheld); Toulouse, solo, July 2024: 6 more (published)."""
    lines = [_line("31", "1", "2024-05", crisis_protocol="no")] * 3
    lines += [_line("31", "1", "2024-05", crisis_protocol="no", passwords="no")] * 2
    lines += [_line("34", "2-5", "2024-06")] * 3
    lines += [_line("31", "1", "2024-07", mfa="no")] * 6
    _import(tmp_path, *lines)


@pytest.mark.usefixtures("published")
def test_export_columns_groups_and_total(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    rows = _export(capsys, "--by", "departement", "--by", "size_band")
    assert rows[0] == ["departement", "size_band", *EXPECTED_COLUMNS]
    assert len(rows) == 1 + 14 * 4 + 1  # every group, even empty, then the total
    assert rows[-1][:2] == ["total", "total"]
    groups = _by_key(rows, 2)
    toulouse = groups[("31", "1")]
    assert toulouse["contributions"] == "11"
    # May's risk levels (2 high, 3 low) and its passwords (3 met, 2 not) are withheld for that
    # block; July's 6 (all low, passwords met, mfa not) are published.
    assert [toulouse[f"risk_{level}"] for level in ("high", "moderate", "low")] == ["0", "0", "6"]
    assert toulouse["met_passwords"] == "6"
    assert toulouse["met_crisis_protocol"] == "6"
    assert toulouse["met_mfa"] == "5"
    assert toulouse["met_backups"] == "11"
    # 3 contributions: every figure withheld, an empty field (and so is an empty group)
    montpellier = groups[("34", "2-5")]
    assert all(montpellier[column] == "" for column in EXPECTED_COLUMNS)
    assert all(groups[("48", "1")][column] == "" for column in EXPECTED_COLUMNS)
    total = groups[("total", "total")]
    assert total["contributions"] == "11"
    assert total["met_passwords"] == "6"
    assert [total[c] for c in EXPECTED_COLUMNS] == [toulouse[c] for c in EXPECTED_COLUMNS]


@pytest.mark.usefixtures("published")
def test_export_levels_explained(capsys: pytest.CaptureFixture[str]) -> None:
    # May (5): 3 miss only the crisis protocol (10/11 → low), 2 also miss passwords (critical
    # → high): a count of 2, so May's risk family is withheld. July (6): mfa only → 6 low.
    capsys.readouterr()
    rows = _export(capsys, "--by", "period")
    groups = _by_key(rows, 1)
    assert groups[("2024-05",)]["contributions"] == "5"
    assert groups[("2024-05",)]["risk_high"] == ""
    assert groups[("2024-05",)]["met_passwords"] == ""  # 3 met, 2 not: withheld
    assert groups[("2024-05",)]["met_backups"] == "5"
    assert groups[("2024-06",)]["contributions"] == ""
    assert groups[("2024-07",)]["risk_low"] == "6"
    assert groups[("2024-07",)]["met_mfa"] == "0"
    assert groups[("total",)]["risk_low"] == "6"


@pytest.mark.usefixtures("published")
def test_export_from_to(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert _export(capsys, "--from", "2024-06")[-1][0] == "6"
    assert _export(capsys, "--to", "2024-05")[-1][0] == "5"
    assert _export(capsys, "--from", "2024-05", "--to", "2024-07")[-1][0] == "11"
    assert _export(capsys, "--from", "2025-01")[-1][0] == ""
    no_grouping = _export(capsys)
    assert no_grouping[0] == EXPECTED_COLUMNS
    assert len(no_grouping) == 2


@pytest.mark.usefixtures("published")
def test_export_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["observatory", "export", "--by", "departement"]) == 0
    on_stdout = capsys.readouterr().out
    target = tmp_path / "figures é.csv"
    assert main(["observatory", "export", "--by", "departement", "-o", str(target)]) == 0
    assert target.read_bytes() == on_stdout.encode("utf-8")
    out = capsys.readouterr().out
    assert fr(f"Écrit : {target} (14 groupes et le total).") in out


@pytest.mark.usefixtures("published")
def test_export_json(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["observatory", "export", "--by", "departement", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    rows = {row["departement"]: row for row in document["rows"]}
    assert rows["31"]["contributions"] == 11
    assert rows["34"]["contributions"] is None
    assert rows["34"]["met"]["passwords"] is None
    assert document["total"]["contributions"] == 11
    assert document["rule"]["k"] == 5
    assert document["query"] == {"by": ["departement"], "from": None, "to": None}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2024-5"], "--from: "),
        (["--from", "mai 2024"], "--from: "),
        (["--to", "2024-13"], "--to: "),
        (["--from", "2024-06", "--to", "2024-05"], "--to 2024-05 is before --from 2024-06"),
        (["--by", "commune"], "--by: unknown key 'commune'"),
        (["--by", "departement", "--by", "departement"], "--by: each key at most once"),
        (["--format", "xlsx"], "--format: 'xlsx' is not csv or json"),
        (["-o", "/nonexistent-folder/x.csv"], "-o: the folder of"),
    ],
)
@pytest.mark.django_db
def test_export_bad_arguments(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["observatory", "export", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"cyberdent: error: {message}")
    assert captured.err.count("\n") == 1


# --- demo


def _snapshot() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    contributions = sorted(
        (c.departement, c.size_band, c.period, json.dumps(c.answers, sort_keys=True), c.demo)
        for c in Contribution.objects.all()
    )
    blocks = sorted(
        (b.departement, b.size_band, b.period, b.demo, b.n, b.high, b.moderate, b.low,
         json.dumps(b.met, sort_keys=True))
        for b in Block.objects.all()
    )  # fmt: skip
    return contributions, blocks


@pytest.mark.django_db
def test_demo_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["observatory", "demo", "--contributions", "200", "--seed", "1"]) == 0
    captured = capsys.readouterr()
    assert fr("200 contributions de démonstration ajoutées (graine 1") in captured.out
    assert "demo: 200/200 contributions" in captured.err
    first = _snapshot()
    assert len(first[0]) == 200
    assert all(row[-1] is True for row in first[0])
    assert sum(block[4] for block in first[1]) == 200
    assert main(["observatory", "demo", "--clear", "--contributions", "200", "--seed", "1"]) == 0
    assert _snapshot() == first
    assert main(["observatory", "demo", "--clear", "--contributions", "200", "--seed", "2"]) == 0
    assert _snapshot() != first


@pytest.mark.django_db
def test_demo_clear_keeps_imported_questionnaires(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(tmp_path, *[_line("31", "1", "2024-05")] * 5)
    real = _snapshot()
    assert main(["observatory", "demo", "--contributions", "300", "--seed", "3"]) == 0
    assert Contribution.objects.count() == 305
    capsys.readouterr()
    assert main(["observatory", "demo", "--clear"]) == 0
    assert fr("Données de démonstration supprimées : 300.") in capsys.readouterr().out
    assert _snapshot() == real
    assert not Block.objects.filter(demo=True).exists()


@pytest.mark.parametrize(
    "args",
    [[], ["--contributions", "0"], ["--contributions", "-5"], ["--contributions", "1e6"]],
)
@pytest.mark.django_db
def test_demo_bad_arguments(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    try:
        code = main(["observatory", "demo", *args])
    except SystemExit as exc:  # argparse's own refusal, exit 2 as well
        code = int(exc.code or 0)
    assert code == 2
    assert Contribution.objects.count() == 0


# --- staff


@pytest.mark.django_db
def test_staff_add_creates_the_account_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["observatory", "staff", "add", "Nouvelle@URPS.test"]) == 0
    out = capsys.readouterr().out
    assert fr("Compte créé pour nouvelle@urps.test") in out
    assert fr("« Mot de passe oublié ? »") in out
    assert "double authentification" in out
    member = StaffMember.objects.get()
    assert member.user.email == "nouvelle@urps.test"
    assert not member.user.has_usable_password()
    # « Mot de passe oublié ? » finds the account (allauth looks up the lower-cased address)
    assert filter_users_by_email("Nouvelle@URPS.test", prefer_verified=True) == [member.user]
    # The union vouches for the address: verified, so no confirmation loop at the first login.
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(user=member.user).verified
    # idempotent: same account, one membership, and it says so
    assert main(["observatory", "staff", "add", "nouvelle@urps.test"]) == 0
    out = capsys.readouterr().out
    assert fr("Compte existant nouvelle@urps.test") in out
    assert "Compte créé" not in out
    assert StaffMember.objects.count() == 1
    assert StaffMember.objects.get().user == member.user


@pytest.mark.django_db
def test_staff_add_an_existing_account(capsys: pytest.CaptureFixture[str]) -> None:
    user = make_user("titulaire@lilas.test")
    assert main(["observatory", "staff", "add", "titulaire@lilas.test"]) == 0
    assert fr("Compte existant titulaire@lilas.test") in capsys.readouterr().out
    assert StaffMember.objects.get().user == user
    user.refresh_from_db()
    assert user.has_usable_password()  # their password is untouched


@pytest.mark.django_db
def test_staff_list_and_remove(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["observatory", "staff", "list"]) == 0
    assert fr("Aucun membre de l'équipe de l'URPS.") in capsys.readouterr().out
    for email in ("b@urps.test", "a@urps.test"):
        assert main(["observatory", "staff", "add", email]) == 0
    capsys.readouterr()
    assert main(["observatory", "staff", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["a@urps.test", "b@urps.test"]
    assert all(line.endswith("double authentification à activer") for line in lines)
    assert main(["observatory", "staff", "remove", "a@urps.test"]) == 0
    assert fr("a@urps.test ne fait plus partie") in capsys.readouterr().out
    assert list(StaffMember.objects.values_list("user__email", flat=True)) == ["b@urps.test"]
    assert main(["observatory", "staff", "remove", "a@urps.test"]) == 0
    assert "rien à faire" in capsys.readouterr().out


@pytest.mark.parametrize("email", ["pas-une-adresse", "a@", "🦷@urps"])
@pytest.mark.django_db
def test_staff_bad_email(capsys: pytest.CaptureFixture[str], email: str) -> None:
    assert main(["observatory", "staff", "add", email]) == 2
    assert "is not an e-mail address" in capsys.readouterr().err
    assert StaffMember.objects.count() == 0
