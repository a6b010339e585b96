"""The practice pages in a real browser at phone width: axe-core finds no violation, nothing
overflows sideways. Skipped without Chromium (failed where CYBERDENT_REQUIRE_BROWSER=1)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.axe import assert_no_violations
from tests.browser.test_diagnostic_browser import no_horizontal_scroll
from tests.conftest import Personas, make_user
from tests.french import fr
from tests.practices.conftest import make_invitation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 500, url
    assert page.locator("h1").count() == 1, url
    assert no_horizontal_scroll(page), url
    assert_no_violations(page)


def test_owner_pages(in_phone_browser: Any, live_server: Any, personas: Personas) -> None:
    make_invitation(personas.practice_a, "future@lilas.test")
    base = f"{live_server.url}/cabinet/{personas.practice_a.pk}/"

    def steps(page: Any) -> None:
        for path in ("", "equipe/", "parametres/", "export/", "supprimer/", "quitter/"):
            check(page, base + path)
        check(page, live_server.url + "/espace/")
        check(page, live_server.url + "/espace/nouveau/")

    in_phone_browser(personas.owner_a, steps)


def test_forms_with_errors_and_the_invitation_sent(
    in_phone_browser: Any, live_server: Any, personas: Personas
) -> None:
    base = f"{live_server.url}/cabinet/{personas.practice_a.pk}/"

    def steps(page: Any) -> None:
        page.goto(live_server.url + "/espace/nouveau/")
        page.get_by_label(fr("Nombre de personnes dans l'équipe")).fill("0")
        page.get_by_role("button", name="Créer le cabinet").click()
        assert page.locator(".error-summary").is_visible()
        assert no_horizontal_scroll(page)
        assert_no_violations(page)

        page.goto(base + "parametres/")
        page.get_by_label("Heure").fill("")
        page.get_by_role("button", name="Enregistrer").click()
        assert page.locator(".error-summary").is_visible()
        assert_no_violations(page)

        page.goto(base + "equipe/")
        page.get_by_label("Adresse e-mail de la personne").fill("nouvelle@lilas.test")
        page.get_by_label("Prestataire informatique").check()
        page.get_by_role("button", name=fr("Envoyer l'invitation")).click()
        assert page.get_by_role("heading", name="Invitation envoyée").is_visible()
        assert "/invitation/" in page.get_by_label("Lien à transmettre").input_value()
        assert no_horizontal_scroll(page)
        assert_no_violations(page)

    in_phone_browser(personas.owner_a, steps)


def test_invitation_pages(in_phone_browser: Any, live_server: Any, personas: Personas) -> None:
    _, token = make_invitation(personas.practice_a, "nouvelle@lilas.test")
    link = f"{live_server.url}/invitation/{token}/"

    def steps(page: Any) -> None:
        check(page, link)
        page.get_by_role("button", name=fr("Accepter l'invitation")).click()
        page.wait_for_url(f"**/cabinet/{personas.practice_a.pk}/")
        assert page.get_by_role("heading", name="Cabinet des Lilas").is_visible()
        check(page, link)  # used: the 410 page
        check(page, f"{live_server.url}/invitation/inconnu/")

    in_phone_browser(make_user("nouvelle@lilas.test"), steps)


def test_member_pages(in_phone_browser: Any, live_server: Any, personas: Personas) -> None:
    base = f"{live_server.url}/cabinet/{personas.practice_a.pk}/"

    def member_steps(page: Any) -> None:
        check(page, base)
        check(page, base + "equipe/")

    def newcomer_steps(page: Any) -> None:
        check(page, live_server.url + "/espace/")

    in_phone_browser(personas.member_a, member_steps)
    in_phone_browser(make_user("seul@exemple.test"), newcomer_steps)
