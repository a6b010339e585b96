"""The union staff's pages: dashboard, CSV/JSON export, import of paper questionnaires.
(Who may open them is checked by tests/test_isolation.py.)"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cyberdent.domain.answers import Answer
from cyberdent.domain.observatory.blocks import Contribution
from cyberdent.domain.observatory.cohort import Period
from cyberdent.domain.referential_models import Referential
from cyberdent.observatory import models, services
from cyberdent.observatory.forms import MAX_UPLOAD_BYTES
from tests.conftest import QUESTION_IDS, Personas

pytestmark = pytest.mark.django_db

JUNE = Period(2025, 6)
FILTER_2025 = {"du": "2025-01", "au": "2025-12"}
HEADER = ",".join(["departement", "size_band", "period", *QUESTION_IDS])


def add(
    ref: Referential,
    count: int,
    *,
    departement: str = "34",
    size_band: str = "2-5",
    period: Period = JUNE,
    **answers: Answer,
) -> None:
    scored = {q: answers.get(q, Answer.YES) for q in QUESTION_IDS}
    services.contributions_import(
        ref=ref,
        contributions=[Contribution(departement, size_band, period, scored)] * count,
    )


@pytest.fixture
def staff(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.union_staff)
    return client


def _text(response: Any) -> str:
    return response.content.decode()


# --- Dashboard ---------------------------------------------------------------------------


def test_the_dashboard_shows_the_published_figures(staff: Client, ref: Referential) -> None:
    add(ref, 12, mfa=Answer.NO)
    response = staff.get(reverse("observatory:staff_dashboard"), FILTER_2025)
    assert response.status_code == 200
    body = _text(response)
    assert "de janvier 2025 à décembre 2025" in body
    assert '<span class="key-number">12</span>' in body
    assert "Hérault (34)" in body
    assert "Double authentification" in body
    # Weakest measure first: MFA (0 %) comes before the others (100 %) in the table.
    table = body[body.index('id="questions-caption"') :]
    assert table.index("Double authentification") < table.index("Sécurisation des accès")
    assert "0\u202f%" in table and "100\u202f%" in table
    assert 'role="img"' in body and "<title" in body  # the charts, with their text alternative


def test_a_cell_of_one_to_four_reads_moins_de_5(staff: Client, ref: Referential) -> None:
    add(ref, 12)
    add(ref, 3, departement="31")
    body = _text(staff.get(reverse("observatory:staff_dashboard"), FILTER_2025))
    departements = body[body.index('id="departements-title"') :]
    row = departements[departements.index("Haute-Garonne (31)") :]
    row = row[: row.index("</tr>")]
    assert "moins de 5" in row
    assert ">3<" not in row
    # The withheld block enters no figure: the total is the Hérault's 12, not 15.
    assert '<span class="key-number">12</span>' in body


def test_the_default_period_is_the_last_twelve_months(staff: Client, ref: Referential) -> None:
    from cyberdent.observatory.selectors import current_period

    add(ref, 7, period=current_period())
    add(ref, 9, period=current_period().shifted(-12))  # 13 months ago: outside
    body = _text(staff.get(reverse("observatory:staff_dashboard")))
    assert '<span class="key-number">7</span>' in body
    assert f'value="{current_period().shifted(-11)}"' in body


def test_the_period_filter_counts_only_its_months(staff: Client, ref: Referential) -> None:
    add(ref, 6, period=Period(2025, 3))
    add(ref, 8, period=Period(2025, 9))
    body = _text(staff.get(reverse("observatory:staff_dashboard"), {"du": "2025-08"}))
    assert '<span class="key-number">8</span>' in body
    assert "depuis août 2025" in body
    body = _text(staff.get(reverse("observatory:staff_dashboard"), {"du": "", "au": ""}))
    assert '<span class="key-number">14</span>' in body


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"du": "2025-13"}, "le mois doit être entre 01 et 12"),
        ({"du": "juin"}, "n’est pas un mois au format AAAA-MM"),
        ({"du": "2025-09", "au": "2025-03"}, "Le mois de fin est avant le mois de début."),
        ({"au": "x" * 500}, "Un mois s’écrit AAAA-MM"),
        ({"par": "practice"}, "Regroupement inconnu"),
        ({"au": "9999-12"}, "il n’y a pas encore de chiffres pour ce mois"),
        ({"du": "9999-01", "au": ""}, "Le mois de début est après"),
    ],
)
def test_a_bad_filter_is_a_french_error_not_a_500(
    staff: Client, ref: Referential, query: dict[str, str], message: str
) -> None:
    add(ref, 12)
    response = staff.get(reverse("observatory:staff_dashboard"), query)
    assert response.status_code == 200
    body = _text(response)
    assert message in body
    assert "point à corriger" in body
    assert 'class="key-number"' not in body  # no figures for a period that does not exist


# --- Export ------------------------------------------------------------------------------


def _csv(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_export_has_the_clis_columns_and_empty_withheld_cells(
    staff: Client, ref: Referential
) -> None:
    add(ref, 12, backups=Answer.NO)
    add(ref, 3, departement="31")
    response = staff.get(
        reverse("observatory:staff_export_csv"), {**FILTER_2025, "par": "departement"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "observatoire_2025-01_2025-12_par-departement.csv" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == [
        "departement",
        "contributions",
        "risk_high",
        "risk_moderate",
        "risk_low",
        *(f"met_{q}" for q in QUESTION_IDS),
    ]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["34"][1:5] == ["12", "12", "0", "0"]  # a missing backup: high risk
    assert by_code["34"][rows[0].index("met_backups")] == "0"
    assert by_code["34"][rows[0].index("met_passwords")] == "12"
    assert by_code["31"][1:] == [""] * (len(rows[0]) - 1)
    assert rows[-1][0] == "total" and rows[-1][1] == "12"
    assert len(rows) == 1 + 14 + 1  # header, 13 départements and « autre », total


def test_the_csv_export_groups_by_several_keys_in_a_fixed_order(
    staff: Client, ref: Referential
) -> None:
    add(ref, 5)
    response = staff.get(
        reverse("observatory:staff_export_csv"),
        {"du": "2025-06", "au": "2025-06", "par": ["period", "size_band"]},
    )
    rows = _csv(response)
    assert rows[0][:3] == ["size_band", "period", "contributions"]
    assert rows[2][:3] == ["2-5", "2025-06", "5"]
    assert rows[-1][:3] == ["total", "total", "5"]


def test_the_json_export_writes_null_for_withheld_figures(staff: Client, ref: Referential) -> None:
    add(ref, 12)
    add(ref, 2, departement="31")
    response = staff.get(
        reverse("observatory:staff_export_json"), {**FILTER_2025, "par": "departement"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["query"] == {"by": ["departement"], "from": "2025-01", "to": "2025-12"}
    rows = {row["departement"]: row for row in document["rows"]}
    assert rows["31"]["contributions"] is None
    assert rows["31"]["risk"] == {"high": None, "moderate": None, "low": None}
    assert rows["34"]["contributions"] == 12
    assert rows["34"]["met"]["mfa"] == 12
    assert document["total"]["contributions"] == 12
    assert document["rule"]["k"] == 5


def test_a_bad_export_filter_is_a_french_400(staff: Client) -> None:
    response = staff.get(reverse("observatory:staff_export_csv"), {"du": "2025-00"})
    assert response.status_code == 400
    assert "le mois doit être entre 01 et 12" in _text(response)


# --- Import of paper questionnaires ------------------------------------------------------


def _file(lines: list[str], name: str = "salon.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([HEADER, *lines]).encode(), "text/csv")


def _line(departement: str = "34", period: str = "2025-06", answer: str = "yes") -> str:
    return ",".join([departement, "2-5", period, *[answer] * len(QUESTION_IDS)])


def _digest(staff: Client) -> str:
    body = _text(staff.get(reverse("observatory:staff_import")))
    start = body.index('name="fichier" value="') + len('name="fichier" value="')
    return body[start : body.index('"', start)]


def test_upload_shows_a_preview_and_imports_nothing_yet(staff: Client) -> None:
    lines = [_line() for _ in range(11)] + [_line("31", "2025-07", "no")]
    response = staff.post(reverse("observatory:staff_import"), {"fichier": _file(lines)})
    assert response.status_code == 302
    assert response["Location"] == reverse("observatory:staff_import")
    assert models.Contribution.objects.count() == 0
    body = _text(staff.get(reverse("observatory:staff_import")))
    assert "Vérifiez avant d’importer" in body
    assert "12 questionnaires" in body
    assert "de juin 2025 à juillet 2025" in body
    assert "Les 10 premières lignes du fichier" in body
    sample = body[body.index('id="sample-caption"') : body.index("</table>")]
    assert sample.count("<tr>") == 1 + 10  # the header row and 10 rows
    assert "Hérault" in sample and "11 sur 11" in sample and "Risque faible" in sample
    assert "Importer les 12 questionnaires" in body


def test_confirm_imports_the_whole_file_once(staff: Client) -> None:
    staff.post(reverse("observatory:staff_import"), {"fichier": _file([_line()] * 7)})
    digest = _digest(staff)
    response = staff.post(
        reverse("observatory:staff_import"), {"action": "importer", "fichier": digest}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("observatory:staff_dashboard")
    assert models.Contribution.objects.count() == 7
    assert models.Contribution.objects.filter(slot__isnull=True, demo=False).count() == 7
    assert models.Block.objects.get(departement="34", period="2025-06").n == 7
    followed = staff.get(response["Location"], FILTER_2025)
    assert "7 questionnaires de «\u202fsalon.csv\u202f» importés" in _text(followed)
    # A second click (reload, double submit) imports nothing more.
    again = staff.post(
        reverse("observatory:staff_import"), {"action": "importer", "fichier": digest}, follow=True
    )
    assert models.Contribution.objects.count() == 7
    assert "n’est plus en attente" in _text(again)


def test_confirm_imports_the_file_that_was_previewed(staff: Client) -> None:
    staff.post(reverse("observatory:staff_import"), {"fichier": _file([_line()] * 6)})
    old = _digest(staff)
    staff.post(reverse("observatory:staff_import"), {"fichier": _file([_line()] * 9)})
    response = staff.post(
        reverse("observatory:staff_import"), {"action": "importer", "fichier": old}
    )
    assert response.status_code == 302
    assert models.Contribution.objects.count() == 0


def test_a_bad_line_gives_its_number_and_imports_nothing(staff: Client) -> None:
    lines = [_line(), _line("13"), _line(), _line(period="2025-6")]
    response = staff.post(reverse("observatory:staff_import"), {"fichier": _file(lines)})
    assert response.status_code == 302
    body = _text(staff.get(reverse("observatory:staff_import")))
    assert "Le fichier «\u202fsalon.csv\u202f» n’a pas été importé" in body
    assert "ligne 3\u202f: département «\u202f13\u202f» inconnu" in body
    assert "ligne 5\u202f: «\u202f2025-6\u202f» n’est pas un mois au format AAAA-MM" in body
    assert "Vérifiez avant d’importer" not in body
    assert models.Contribution.objects.count() == 0
    # Shown once: the next visit is a clean form.
    assert "n’a pas été importé" not in _text(staff.get(reverse("observatory:staff_import")))


def test_a_bad_header_is_line_1(staff: Client) -> None:
    upload = SimpleUploadedFile("x.csv", b"dep;taille;mois\n34;2-5;2025-06\n", "text/csv")
    staff.post(reverse("observatory:staff_import"), {"fichier": upload})
    body = _text(staff.get(reverse("observatory:staff_import")))
    assert "ligne 1\u202f: l’en-tête doit être" in body
    assert models.Contribution.objects.count() == 0


def test_a_spreadsheet_file_in_windows_1252_with_semicolons_is_read(staff: Client) -> None:
    text = "\r\n".join([HEADER.replace(",", ";"), _line().replace(",", ";")] * 1)
    upload = SimpleUploadedFile("tableur.csv", text.encode("cp1252"), "text/csv")
    staff.post(reverse("observatory:staff_import"), {"fichier": upload})
    assert "1 questionnaire</strong>" in _text(staff.get(reverse("observatory:staff_import")))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choisissez le fichier CSV à importer."),
        (
            {"fichier": SimpleUploadedFile("big.csv", b"x" * (MAX_UPLOAD_BYTES + 1))},
            "Le fichier dépasse 1\u202fMo",
        ),
        ({"fichier": SimpleUploadedFile("empty.csv", b"")}, "Le fichier choisi est vide"),
    ],
)
def test_a_missing_or_oversized_file_gets_a_french_message(
    staff: Client, data: dict[str, Any], message: str
) -> None:
    response = staff.post(reverse("observatory:staff_import"), data)
    assert response.status_code == 302
    assert message in _text(staff.get(reverse("observatory:staff_import")))
    assert models.Contribution.objects.count() == 0


def test_cancel_forgets_the_pending_file(staff: Client) -> None:
    staff.post(reverse("observatory:staff_import"), {"fichier": _file([_line()] * 5)})
    response = staff.post(reverse("observatory:staff_import"), {"action": "annuler"}, follow=True)
    body = _text(response)
    assert "Import annulé" in body
    assert "Vérifiez avant d’importer" not in body
    assert models.Contribution.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02\xff\xfe binary",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        (HEADER + "\n" + '"34,2-5\n').encode(),
        (HEADER + "\n" + _line().replace("34", "3\x004")).encode(),
    ],
)
def test_a_file_that_is_not_a_questionnaire_csv_is_refused_in_french(
    staff: Client, content: bytes
) -> None:
    upload = SimpleUploadedFile("photo.csv", content)
    response = staff.post(reverse("observatory:staff_import"), {"fichier": upload})
    assert response.status_code == 302
    body = _text(staff.get(reverse("observatory:staff_import")))
    assert "n’a pas été importé" in body
    assert "ligne " in body
    assert models.Contribution.objects.count() == 0


def test_union_staff_find_their_dashboard_after_login(personas: Personas) -> None:
    """No practice: the login leads to the observatory, and « Mon espace » links to it."""
    from allauth.account.adapter import get_adapter
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = personas.union_staff
    request.session = {}  # type: ignore[assignment]
    assert get_adapter(request).get_login_redirect_url(request) == "/observatoire/union/"
    client = Client()
    client.force_login(personas.union_staff)
    assert 'href="/observatoire/union/"' in client.get("/espace/").content.decode()
    owner = Client()
    owner.force_login(personas.owner_b)
    assert "/observatoire/union/" not in owner.get("/espace/").content.decode()
