"""The practice pages stay bounded however many diagnostics a practice keeps: the same number of
SQL queries with 3 or 60 diagnostics, a page of the history at a time, a short comparison list.
(Fast guards, not timings: bench/bench_practice_pages.py measures the times.)"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cyberdent.assessments import selectors
from cyberdent.assessments.selectors import (
    CHART_POINTS,
    COMPARE_CHOICES,
    EVOLUTION_COLUMNS,
    HISTORY_PAGE_SIZE,
)
from tests.assessments.helpers import bulk_diagnostics
from tests.conftest import Personas

PAGES: dict[str, Callable[[int], tuple[str, dict[str, str]]]] = {
    "dashboard": lambda pid: (f"/cabinet/{pid}/", {}),
    "history": lambda pid: (f"/cabinet/{pid}/diagnostics/", {}),
    "history page 2": lambda pid: (f"/cabinet/{pid}/diagnostics/", {"page": "2"}),
    "history last page": lambda pid: (f"/cabinet/{pid}/diagnostics/", {"page": "999"}),
    "comparison": lambda pid: (f"/cabinet/{pid}/diagnostics/comparer/", {}),
}


def history_url(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/diagnostics/"


def queries(client: Client, url: str, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def history_rows(html: str) -> list[str]:
    body = html.split('<table class="answers history-list">', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">(\d\d/\d\d/\d{4})</a></th>', body)


@pytest.mark.parametrize("page", PAGES)
def test_queries_do_not_grow_with_the_diagnostics(
    client: Client, personas: Personas, page: str
) -> None:
    client.force_login(personas.owner_a)
    url, params = PAGES[page](personas.practice_a.pk)
    bulk_diagnostics(personas.practice_a, personas.owner_a, 3)
    client.get(url, params)  # a first request sets up the session and caches
    few = queries(client, url, params)
    bulk_diagnostics(personas.practice_a, personas.member_a, 57, start=3)
    assert queries(client, url, params) == few


def test_the_history_shows_one_page_of_rows_newest_first(
    client: Client, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk_diagnostics(personas.practice_a, personas.owner_a, 2 * HISTORY_PAGE_SIZE + 5)
    evaluated: list[int] = []
    evaluate = selectors.diagnostic_evaluate

    def counting(saved):  # type: ignore[no-untyped-def]
        evaluated.append(saved.pk)
        return evaluate(saved)

    monkeypatch.setattr(selectors, "diagnostic_evaluate", counting)
    client.force_login(personas.member_a)
    html = client.get(history_url(personas)).content.decode()
    rows = history_rows(html)
    assert len(rows) == HISTORY_PAGE_SIZE
    assert rows[0] == "14/02/2020" and rows[-1] == "26/01/2020"  # days 44 to 25
    # Only what the page shows is evaluated: its rows, which hold the chart's latest few.
    assert len(evaluated) == len(set(evaluated)) == HISTORY_PAGE_SIZE
    assert '<nav class="pagination" aria-label="Pages des diagnostics">' in html
    assert "<span>Page 1 sur 3</span>" in html
    assert '<a href="?page=2" rel="next">Plus anciens →</a>' in html
    assert 'rel="prev"' not in html
    assert ", page 1 sur 3</caption>" in html


def test_the_last_page_and_the_chart_of_the_latest(client: Client, personas: Personas) -> None:
    bulk_diagnostics(personas.practice_a, personas.owner_a, 2 * HISTORY_PAGE_SIZE + 5)
    client.force_login(personas.owner_a)
    html = client.get(history_url(personas), {"page": "3"}).content.decode()
    assert history_rows(html) == [f"0{d}/01/2020" for d in range(5, 0, -1)]
    assert "<span>Page 3 sur 3</span>" in html
    assert '<a href="?page=2" rel="prev">← Plus récents</a>' in html
    assert 'rel="next"' not in html
    # The chart and the evolution table show the latest diagnostics on every page.
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert len(re.findall(r'class="chart-point-label"', svg)) == CHART_POINTS
    table = html[html.index('id="evolution-title"') :]
    header = re.search(r"<thead>(.*?)</thead>", table, re.S)
    assert header is not None
    dates = re.findall(r"\d\d/\d\d/\d\d", header.group(1))
    assert dates == [f"{d}/02/20" for d in range(15 - EVOLUTION_COLUMNS, 15)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("abc", 1),
        ("", 1),
        ("2.5", 1),
        ("0", 3),
        ("-4", 3),
        ("999", 3),
        ("9" * 40, 3),
        ("２", 2),  # a full-width digit, as a phone keyboard may type it, is still a number
    ],
)
def test_bad_page_numbers_show_a_page_never_an_error(
    client: Client, personas: Personas, typed: str, expected: int
) -> None:
    bulk_diagnostics(personas.practice_a, personas.owner_a, 2 * HISTORY_PAGE_SIZE + 5)
    client.force_login(personas.owner_a)
    response = client.get(history_url(personas), {"page": typed})
    assert response.status_code == 200
    assert f"<span>Page {expected} sur 3</span>" in response.content.decode()


def test_a_single_page_has_no_navigation(client: Client, personas: Personas) -> None:
    bulk_diagnostics(personas.practice_a, personas.owner_a, HISTORY_PAGE_SIZE)
    client.force_login(personas.owner_a)
    html = client.get(history_url(personas), {"page": "7"}).content.decode()
    assert len(history_rows(html)) == HISTORY_PAGE_SIZE
    assert "pagination" not in html


def test_the_comparison_offers_the_latest_and_any_one_asked_for(
    client: Client, personas: Personas
) -> None:
    saved = bulk_diagnostics(personas.practice_a, personas.owner_a, COMPARE_CHOICES + 20)
    client.force_login(personas.owner_a)
    url = f"/cabinet/{personas.practice_a.pk}/diagnostics/comparer/"
    html = client.get(url).content.decode()
    before = html[html.index('<select name="avant"') : html.index("</select>")]
    assert before.count("<option") == COMPARE_CHOICES
    assert f'value="{saved[0].pk}"' not in html
    # The oldest, asked for by its id (a bookmarked comparison): offered and compared.
    html = client.get(url, {"avant": saved[0].pk, "apres": saved[-1].pk}).content.decode()
    before = html[html.index('<select name="avant"') : html.index("</select>")]
    assert before.count("<option") == COMPARE_CHOICES + 1
    assert f'<option value="{saved[0].pk}" selected>01/01/2020' in before
    assert "Du 01/01/2020 au " in html
