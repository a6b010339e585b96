"""Comparing two diagnostics: scores, levels, what improved, regressed, is still missing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain.referential_models import Referential
from tests.assessments.helpers import save_diagnostic
from tests.conftest import Personas
from tests.french import fr


def compare_url(personas: Personas) -> str:
    return f"/cabinet/{personas.practice_a.pk}/diagnostics/comparer/"


def text(ref: Referential, question_id: str) -> str:
    return next(q.text for q in ref.questions if q.id == question_id).replace("'", "&#x27;")


def section(html: str, heading: str) -> str:
    start = html.index(f"<h3>{heading}</h3>")
    end = html.find("<h3>", start + 1)
    return html[start : end if end != -1 else html.index("</section>", start)]


@pytest.fixture
def three(personas: Personas) -> tuple[SavedDiagnostic, SavedDiagnostic, SavedDiagnostic]:
    p, u = personas.practice_a, personas.owner_a
    # 8/11, high (backups missing): backups, mfa, updates not met.
    first = save_diagnostic(p, u, dt.date(2026, 1, 5), backups="no", mfa="unknown", updates="no")
    # 9/11, high (passwords missing): backups and mfa fixed, passwords lost, updates unknown.
    second = save_diagnostic(p, u, dt.date(2026, 4, 2), passwords="no", updates="unknown")
    # 11/11, low.
    third = save_diagnostic(p, u, dt.date(2026, 7, 1))
    return first, second, third


def test_defaults_compare_the_two_latest(
    client: Client, personas: Personas, ref: Referential, three
) -> None:
    _, second, third = three
    client.force_login(personas.member_a)
    html = client.get(compare_url(personas)).content.decode()
    assert f'<option value="{second.pk}" selected>02/04/2026 — 9/11, risque élevé<' in html
    assert f'<option value="{third.pk}" selected>01/07/2026 — 11/11, risque faible<' in html
    assert "Du 02/04/2026 au 01/07/2026" in html
    assert "<td>9/11</td><td>11/11</td>" in html
    assert "<td>Risque élevé</td><td>Risque faible</td>" in html
    assert "Le score a progressé de 2 points." in html
    improved = section(html, fr("Ce qui s'est amélioré"))
    assert text(ref, "passwords") in improved and text(ref, "updates") in improved
    assert fr("Aucune mesure n'a été perdue.") in section(html, "Ce qui a reculé")
    assert fr("Rien : toutes les mesures") in section(html, "Ce qui manque encore")


def test_chosen_diagnostics_hand_computed(
    client: Client, personas: Personas, ref: Referential, three
) -> None:
    first, second, _ = three
    client.force_login(personas.owner_a)
    params = {"avant": first.pk, "apres": second.pk}
    html = client.get(compare_url(personas), params).content.decode()
    assert "<td>8/11</td><td>9/11</td>" in html
    assert "<td>Risque élevé</td><td>Risque élevé</td>" in html
    assert "Le score a progressé de 1 point." in html
    improved = section(html, fr("Ce qui s'est amélioré"))
    regressed = section(html, "Ce qui a reculé")
    missing = section(html, "Ce qui manque encore")
    assert improved.count("<li>") == 2
    assert text(ref, "mfa") in improved and text(ref, "backups") in improved
    assert regressed.count("<li>") == 1 and text(ref, "passwords") in regressed
    assert missing.count("<li>") == 1 and text(ref, "updates") in missing


def test_reversed_order_shows_a_regression(client: Client, personas: Personas, three) -> None:
    first, _, third = three
    client.force_login(personas.owner_a)
    params = {"avant": third.pk, "apres": first.pk}
    html = client.get(compare_url(personas), params).content.decode()
    assert "Le score a reculé de 3 points." in html
    assert section(html, "Ce qui a reculé").count("<li>") == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"avant": "abc", "apres": "1"}, "Choisissez le diagnostic de départ dans la liste."),
        ({"avant": "999999"}, fr("Choisissez le diagnostic d&#x27;arrivée.")),
        ({"avant": "", "apres": "x" * 10000}, "Choisissez le diagnostic de départ."),
    ],
)
def test_bad_ids_are_form_errors(
    client: Client, personas: Personas, three, params: dict, message: str
) -> None:
    client.force_login(personas.owner_a)
    response = client.get(compare_url(personas), params)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert fr("La comparaison n'est pas possible") in html
    assert fr("Ce qui s'est amélioré") not in html


def test_another_practice_diagnostic_is_refused(client: Client, personas: Personas, three) -> None:
    foreign = save_diagnostic(personas.practice_b, personas.owner_b, backups="no")
    client.force_login(personas.owner_a)
    response = client.get(compare_url(personas), {"avant": foreign.pk, "apres": three[2].pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choisissez le diagnostic de départ dans la liste." in html
    assert f'value="{foreign.pk}"' not in html


def test_the_same_diagnostic_twice(client: Client, personas: Personas, three) -> None:
    client.force_login(personas.owner_a)
    pk = three[0].pk
    html = client.get(compare_url(personas), {"avant": pk, "apres": pk}).content.decode()
    assert "Choisissez un diagnostic différent du diagnostic de départ." in html


def test_fewer_than_two_diagnostics(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    html = client.get(compare_url(personas), {"avant": "1", "apres": "2"}).content.decode()
    assert "Il faut au moins deux diagnostics enregistrés" in html
    save_diagnostic(personas.practice_a, personas.owner_a)
    html = client.get(compare_url(personas)).content.decode()
    assert "Il faut au moins deux diagnostics enregistrés" in html
    assert "<select" not in html
