"""Paper questionnaires: the union's CSV of answers collected at events, read all or nothing.

Header: `departement,size_band,period,` then the 11 scored question ids (any order). A comma or
a semicolon separates fields (a French spreadsheet writes semicolons). Values are
`yes|no|unknown`, and `not_applicable` where the référentiel allows it. Any bad line makes the
whole file refused, with every problem given by line number, in French.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from cyberdent.domain.answers import Answer, allowed_answers
from cyberdent.domain.french import typography
from cyberdent.domain.observatory.blocks import Contribution
from cyberdent.domain.observatory.cohort import (
    DEPARTEMENT_CODES,
    SIZE_BAND_CODES,
    Period,
)
from cyberdent.domain.referential_models import Referential

COHORT_COLUMNS = ("departement", "size_band", "period")
MAX_ROWS = 200_000
MAX_PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        # Shown as it is on a page and in the CLI: French spacing (« ligne 3 : … »).
        return typography(f"ligne {self.line} : {self.message}" if self.line else self.message)


class PaperImportError(ValueError):
    """The file is refused; `problems` says where and why (at most MAX_PROBLEMS_SHOWN)."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems[:MAX_PROBLEMS_SHOWN]
        self.total = total if total is not None else len(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (what a French spreadsheet saves)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _header(first_line: str, ref: Referential) -> tuple[str, list[str]]:
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    names = [name.strip().lower() for name in first_line.split(delimiter)]
    expected = [*COHORT_COLUMNS, *(q.id for q in ref.questions)]
    if names[:3] != list(COHORT_COLUMNS) or sorted(names[3:]) != sorted(expected[3:]):
        raise PaperImportError(
            [
                Problem(
                    1,
                    "l’en-tête doit être « "
                    + ",".join(expected)
                    + " » (les 11 questions dans n’importe quel ordre)",
                )
            ]
        )
    return delimiter, names


def _row(
    line: int, values: list[str], names: list[str], ref: Referential, today: Period
) -> Contribution | Problem:
    if len(values) != len(names):
        return Problem(line, f"{len(values)} valeurs au lieu de {len(names)}")
    cells = {name: value.strip() for name, value in zip(names, values, strict=True)}
    departement = cells["departement"]
    if departement not in DEPARTEMENT_CODES:
        return Problem(
            line,
            f"département « {departement} » inconnu (attendu : {', '.join(DEPARTEMENT_CODES)})",
        )
    if cells["size_band"] not in SIZE_BAND_CODES:
        return Problem(
            line,
            f"taille « {cells['size_band']} » inconnue (attendu : {', '.join(SIZE_BAND_CODES)})",
        )
    try:
        period = Period.parse(cells["period"])
    except ValueError as exc:
        return Problem(line, str(exc))
    if period > today:
        return Problem(line, f"le mois {period} n’est pas encore passé")
    answers: dict[str, Answer] = {}
    for question in ref.questions:
        value = cells[question.id].lower()
        allowed = [a.value for a in allowed_answers(question)]
        if value not in allowed:
            return Problem(
                line,
                f"réponse « {cells[question.id]} » impossible pour {question.id} "
                f"(attendu : {'|'.join(allowed)})",
            )
        answers[question.id] = Answer(value)
    return Contribution(departement, cells["size_band"], period, answers)


def read_paper_csv(text: str, ref: Referential, *, today: Period) -> list[Contribution]:
    """Every row of the file as a contribution, or PaperImportError listing the bad lines."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PaperImportError(
            [Problem(1, "le fichier est vide : il faut l’en-tête puis une ligne par questionnaire")]
        )
    delimiter, names = _header(lines[0], ref)
    contributions: list[Contribution] = []
    problems: list[Problem] = []
    # Universal newlines: a bare CR (Excel's « CSV (Macintosh) ») ends a line, as for splitlines.
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    next(reader)
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(contributions) + len(problems) >= MAX_ROWS:
            problems.append(
                Problem(
                    line, f"plus de {MAX_ROWS:,} lignes : coupez le fichier".replace(",", "\u202f")
                )
            )
            break
        result = _row(line, values, names, ref, today)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            contributions.append(result)
    if problems:
        raise PaperImportError(problems)
    if not contributions:
        raise PaperImportError([Problem(2, "aucun questionnaire : le fichier n’a que l’en-tête")])
    return contributions
