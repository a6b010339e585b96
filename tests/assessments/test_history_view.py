"""History: the list, the score chart (SVG + its table twin), the evolution of each question."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client

from tests.assessments.helpers import save_diagnostic
from tests.conftest import Personas
from tests.french import fr


def history_url(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/diagnostics/"


def make_history(personas: Personas) -> None:
    p, u = personas.practice_a, personas.owner_a
    save_diagnostic(p, u, dt.date(2026, 1, 5), backups="no", mfa="no")  # 9/11 high
    save_diagnostic(p, personas.provider_a, dt.date(2026, 4, 2), mfa="unknown")  # 10/11 low
    save_diagnostic(p, u, dt.date(2026, 7, 1), mfa="no", updates="no", auto_lock="no")  # 8/11


def test_empty_history(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    html = client.get(history_url(personas)).content.decode()
    assert fr("Aucun diagnostic n'est encore enregistré") in html
    assert "Faire le premier diagnostic" in html
    assert "<svg" not in html
    client.force_login(personas.member_a)
    html = client.get(history_url(personas)).content.decode()
    assert "Faire le premier diagnostic" not in html


def test_the_list_is_newest_first_with_author_score_and_level(
    client: Client, personas: Personas
) -> None:
    make_history(personas)
    client.force_login(personas.member_a)
    html = client.get(history_url(personas)).content.decode()
    rows = re.findall(
        r"(\d\d/\d\d/2026)</a></th>\s*<td><strong>(\d+/11)</strong> "
        r'<span class="level-text">([^<]+)</span></td>\s*<td>([^<]+)</td>',
        html,
    )
    assert rows == [
        ("01/07/2026", "8/11", "Risque modéré", "titulaire@lilas.test"),
        ("02/04/2026", "10/11", "Risque faible", "prestataire@info.test"),
        ("05/01/2026", "9/11", "Risque élevé", "titulaire@lilas.test"),
    ]
    assert "Faire un nouveau diagnostic" not in html  # member


def test_the_chart_is_an_accessible_svg_with_its_table(client: Client, personas: Personas) -> None:
    make_history(personas)
    client.force_login(personas.owner_a)
    html = client.get(history_url(personas)).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert 'viewBox="0 0 400 260"' in svg and 'width="100%"' in svg
    assert '<title id="chart-title">Évolution du score</title>' in svg
    assert "9/11 le 05/01/2026, 8/11 le 01/07/2026" in svg
    assert [label for label in re.findall(r'class="chart-point-label">([^<]+)<', svg)] == [
        "9/11",
        "10/11",
        "8/11",
    ]
    assert re.findall(r'class="chart-level-label">([^<]+)<', svg) == ["élevé", "faible", "modéré"]
    # Coordinates use a decimal point even though the pages are in French.
    assert re.search(r'points="58,[0-9.]+ 210,[0-9.]+ 362,[0-9.]+"', svg)
    assert not re.search(r'"\d+,\d+"', svg)
    assert "style=" not in svg
    # The same figures, as a table, oldest first.
    twin = html[html.index("les mêmes chiffres que le graphique") :]
    assert re.findall(r'<th scope="row">([\d/]+)</th><td>(\d+) sur 11</td>', twin)[:3] == [
        ("05/01/2026", "9"),
        ("02/04/2026", "10"),
        ("01/07/2026", "8"),
    ]


def test_the_evolution_of_each_question(client: Client, personas: Personas) -> None:
    make_history(personas)
    client.force_login(personas.owner_a)
    html = client.get(history_url(personas)).content.decode()
    table = html[html.index('id="evolution-title"') :]
    assert "<caption" in table
    header = re.search(r"<thead>(.*?)</thead>", table, re.S)
    assert header is not None
    dates = re.findall(r"\d\d/\d\d/26", header.group(1))
    assert dates == ["05/01/26", "02/04/26", "01/07/26"]
    rows = re.findall(r'<tr>\s*<th scope="row">(\d+)\. .*?</tr>', table, re.S)
    assert len(rows) == 11
    mfa = re.search(r'<th scope="row">2\. .*?</tr>', table, re.S)
    backups = re.search(r'<th scope="row">3\. .*?</tr>', table, re.S)
    assert mfa is not None and backups is not None
    assert re.findall(r"[✓✗] [^<]+", mfa.group(0)) == ["✗ Non", "✗ Je ne sais pas", "✗ Non"]
    assert "Inchangé" in mfa.group(0)
    assert re.findall(r"[✓✗] [^<]+", backups.group(0)) == ["✗ Non", "✓ Oui", "✓ Oui"]
    assert "En progrès" in backups.group(0)
    updates = re.search(r'<th scope="row">5\. .*?</tr>', table, re.S)
    assert updates is not None and "En recul" in updates.group(0)


def test_a_single_diagnostic_draws_one_point(client: Client, personas: Personas) -> None:
    save_diagnostic(personas.practice_a, personas.owner_a, dt.date(2026, 2, 1))
    client.force_login(personas.owner_a)
    html = client.get(history_url(personas)).content.decode()
    assert fr("Un seul diagnostic, le 01/02/2026 : 11/11, risque faible.") in html
    assert "<polyline" not in html
    assert "Comparer deux diagnostics" not in html
