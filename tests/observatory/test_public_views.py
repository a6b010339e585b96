"""The public pages: the region's figures (last 12 months, the k = 5 rule) and the method; the
presentation helpers they share with the union's dashboard."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cyberdent.domain.answers import Answer
from cyberdent.domain.observatory.blocks import Contribution
from cyberdent.domain.observatory.cohort import Period
from cyberdent.domain.observatory.tables import Figures, Query
from cyberdent.domain.referential_models import Referential
from cyberdent.observatory import services
from cyberdent.observatory.charts import month_chart, nice_top, questions_weakest_first
from cyberdent.observatory.selectors import current_period, observatory_table
from cyberdent.observatory.templatetags.observatory_figures import figure, share
from tests.conftest import QUESTION_IDS

NOW = current_period()


def add(
    ref: Referential,
    count: int,
    *,
    departement: str = "34",
    period: Period = NOW,
    demo: bool = False,
    **answers: Answer,
) -> None:
    scored = {q: answers.get(q, Answer.YES) for q in QUESTION_IDS}
    services.contributions_import(
        ref=ref, contributions=[Contribution(departement, "2-5", period, scored)] * count, demo=demo
    )


def _page() -> str:
    response = Client().get(reverse("observatory:public"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_public_page_shows_the_regions_figures(ref: Referential) -> None:
    add(ref, 10, phishing_training=Answer.NO)
    add(ref, 6, departement="31", phishing_training=Answer.UNKNOWN)
    body = _page()
    assert '<span class="key-number">16</span>' in body
    assert NOW.label in body and NOW.shifted(-11).label in body
    questions = body[body.index('id="questions-caption"') :]
    # The least common measure first: no practice has trained its team.
    assert questions.index("Formation contre l’hameçonnage") < questions.index("Mises à jour")
    assert "0\u202f%" in questions
    assert "Hérault (34)" in body and "Haute-Garonne (31)" in body
    assert reverse("observatory:method") in body
    assert "Données de démonstration" not in body


@pytest.mark.django_db
def test_a_small_group_reads_moins_de_5_and_counts_nowhere(ref: Referential) -> None:
    add(ref, 9)
    add(ref, 4, departement="81")
    body = _page()
    row = body[body.index("Tarn (81)") :]
    row = row[: row.index("</tr>")]
    assert "moins de 5" in row and ">4<" not in row
    assert '<span class="key-number">9</span>' in body


@pytest.mark.django_db
def test_fewer_than_5_contributions_publish_nothing(ref: Referential) -> None:
    add(ref, 3, backups=Answer.NO)
    body = _page()
    assert '<span class="key-number"><span class="withheld">moins de 5</span></span>' in body
    assert "Pas encore assez de diagnostics pour publier les niveaux de risque" in body
    assert ">3<" not in body


@pytest.mark.django_db
def test_only_the_last_twelve_months_are_counted(ref: Referential) -> None:
    add(ref, 6, period=NOW.shifted(-11))
    add(ref, 20, period=NOW.shifted(-12))
    assert '<span class="key-number">6</span>' in _page()


@pytest.mark.django_db
def test_demo_data_is_announced(ref: Referential) -> None:
    add(ref, 8, demo=True)
    assert "Données de démonstration" in _page()


def test_the_method_page_explains_the_rule_in_plain_french() -> None:
    response = Client().get(reverse("observatory:method"))
    assert response.status_code == 200
    body = response.content.decode()
    for words in (
        "moins de 5",
        "ni l’adresse IP",
        "la taille de son équipe",
        "le mois (pas le jour ni l’heure)",
        "HMAC",
        "Cette clé n’est pas dans la base de données",
        "une ligne moins une autre, le total moins des lignes",
        "Ce que cette protection coûte",
        "sur combien de réponses il repose",
    ):
        assert words in body, words


# --- Presentation helpers ----------------------------------------------------------------


def test_figures_are_written_in_french_and_withheld_ones_say_moins_de_5() -> None:
    assert figure(None) == '<span class="withheld">moins de 5</span>'
    assert figure(12345) == "12\u202f345"
    assert share(0.4249) == "42\u202f%"
    assert share(None) == '<span class="withheld">moins de 5 réponses</span>'


def test_questions_come_weakest_first_and_withheld_ones_last(ref: Referential) -> None:
    figures = Figures([q.id for q in ref.questions])
    figures.met_counts = {"mfa": 5, "backups": 10, "passwords": 20}
    figures.met_base = {"mfa": 20, "backups": 20, "passwords": 20, "updates": 20}
    order = [row.id for row in questions_weakest_first(figures, ref)]
    assert order[:4] == ["updates", "mfa", "backups", "passwords"]
    assert set(order[4:]) == set(QUESTION_IDS) - {"updates", "mfa", "backups", "passwords"}


def test_nice_top_is_5_10_20_50_100() -> None:
    assert [nice_top(v) for v in (0, 5, 6, 11, 21, 51, 101, 999)] == [
        5,
        5,
        10,
        20,
        50,
        100,
        200,
        1000,
    ]


@pytest.mark.django_db
def test_the_month_chart_has_one_bar_per_month_and_no_bar_for_withheld(
    ref: Referential,
) -> None:
    add(ref, 8, period=Period(2025, 2))
    add(ref, 2, period=Period(2025, 3))
    table = observatory_table(
        ref=ref, query=Query(by=("period",), start=Period(2025, 1), end=Period(2025, 4))
    )
    chart = month_chart(table)
    assert [b.period for b in chart.bars] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert [b.value for b in chart.bars] == ["<5", "8", "<5", "<5"]
    assert [b.height > 0 for b in chart.bars] == [False, True, False, False]
    assert chart.bars[0].year == "2025"
    assert "au plus 8, en février 2025" in chart.description
