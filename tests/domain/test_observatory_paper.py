"""Paper questionnaires: a whole file read or refused, every bad line named, in French."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberdent.domain.loader import default_referential
from cyberdent.domain.observatory.cohort import Period
from cyberdent.domain.observatory.paper import PaperImportError, decode, read_paper_csv
from tests.conftest import QUESTION_IDS
from tests.french import fr

REF = default_referential()
TODAY = Period(2026, 3)
HEADER = ",".join(["departement", "size_band", "period", *QUESTION_IDS])


def line(dep: str = "31", band: str = "2-5", period: str = "2026-01", **answers: str) -> str:
    return ",".join([dep, band, period, *(answers.get(q, "yes") for q in QUESTION_IDS)])


def read(text: str) -> list:
    return read_paper_csv(text, REF, today=TODAY)


def refused(text: str) -> list[str]:
    with pytest.raises(PaperImportError) as raised:
        read(text)
    return [str(p) for p in raised.value.problems]


def test_a_good_file() -> None:
    text = "\n".join([HEADER, line(), line("autre", "11+", "2025-06", mfa="no"), ""])
    first, second = read(text)
    assert (first.departement, first.size_band, first.period) == ("31", "2-5", Period(2026, 1))
    assert set(first.answers.values()) == {"yes"}
    assert (second.departement, second.size_band, second.period) == (
        "autre",
        "11+",
        Period(2025, 6),
    )
    assert second.answers["mfa"] == "no"


def test_a_semicolon_file_with_crlf_and_capitals() -> None:
    text = "\r\n".join([HEADER.replace(",", ";").upper(), line(backups="NO").replace(",", ";")])
    [one] = read(text)
    assert one.answers["backups"] == "no"


def test_a_bom_from_a_spreadsheet() -> None:
    data = ("\ufeff" + HEADER + "\n" + line()).encode("utf-8")
    assert len(read(decode(data))) == 1
    assert len(read(decode((HEADER + "\n" + line()).encode("cp1252")))) == 1


def test_questions_in_another_order() -> None:
    order = list(reversed(QUESTION_IDS))
    header = ",".join(["departement", "size_band", "period", *order])
    values = {q: ("no" if q == "mfa" else "yes") for q in order}
    [one] = read(header + "\n" + ",".join(["34", "1", "2026-02", *values.values()]))
    assert one.answers["mfa"] == "no"
    assert one.answers["passwords"] == "yes"


def test_a_bad_header_is_refused_on_line_1() -> None:
    [problem] = refused(HEADER.replace("mfa", "mfa2") + "\n" + line())
    assert problem.startswith(fr("ligne 1 : l’en-tête doit être"))


def test_every_bad_line_is_reported_by_number() -> None:
    text = "\n".join(
        [
            HEADER,
            line(),
            line(dep="13"),  # 3
            line(band="3-4"),  # 4
            "",  # 5: blank, skipped
            line(period="2026-13"),  # 6
            line(mfa="peut-être"),  # 7
            "31,2-5,2026-01,yes",  # 8
            line(),
        ]
    )
    problems = refused(text)
    assert [p.split("\u202f: ")[0] for p in problems] == [f"ligne {n}" for n in (3, 4, 6, 7, 8)]
    assert fr("département « 13 » inconnu") in problems[0]
    assert fr("taille « 3-4 » inconnue") in problems[1]
    assert "le mois doit être entre 01 et 12" in problems[2]
    assert fr("réponse « peut-être » impossible pour mfa") in problems[3]
    assert "4 valeurs au lieu de 14" in problems[4]


def test_not_applicable_only_where_allowed() -> None:
    [one] = read(HEADER + "\n" + line(hds_hosting="not_applicable"))
    assert one.answers["hds_hosting"] == "not_applicable"
    [problem] = refused(HEADER + "\n" + line(backups="not_applicable"))
    assert problem.startswith(fr("ligne 2 : réponse « not_applicable » impossible pour backups"))


def test_a_future_month_is_refused() -> None:
    assert len(read(HEADER + "\n" + line(period="2026-03"))) == 1
    [problem] = refused(HEADER + "\n" + line(period="2026-04"))
    assert problem == fr("ligne 2 : le mois 2026-04 n’est pas encore passé")


@pytest.mark.parametrize("text", ["", "\n", "   \n\n"])
def test_an_empty_file(text: str) -> None:
    [problem] = refused(text)
    assert problem.startswith(fr("ligne 1 : le fichier est vide"))


def test_a_header_only() -> None:
    [problem] = refused(HEADER + "\n\n")
    assert problem == fr("ligne 2 : aucun questionnaire : le fichier n’a que l’en-tête")


def test_an_emoji_in_a_cell_is_a_clean_error() -> None:
    [problem] = refused(HEADER + "\n" + line(mfa="✅"))
    assert problem.startswith(fr("ligne 2 : réponse « ✅ » impossible pour mfa"))


def test_old_mac_line_endings_are_read_or_refused_cleanly() -> None:
    # Excel's « CSV (Macintosh) » ends lines with a bare carriage return.
    assert len(read("\r".join([HEADER, line(), line(mfa="no")]))) == 2
    [problem] = refused("\r".join([HEADER, line(), line(dep="13")]))
    assert problem.startswith(fr("ligne 3 : département « 13 » inconnu"))


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(',;\r\n"')))
@settings(max_examples=200, deadline=None)
def test_any_text_is_read_or_refused_with_problems(noise: str) -> None:
    for text in (noise, HEADER + "\n" + noise, HEADER + "\n" + line() + noise):
        problems = None
        try:
            read(text)
        except PaperImportError as exc:
            problems = exc.problems
        assert problems is None or (problems and all(str(p) for p in problems))
