"""Incident mode in a real browser at phone width: the anonymous flow end to end, and axe-core
on every incident page (anonymous and practice). Skipped without Chromium."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.browser.axe import assert_no_violations
from tests.browser.conftest import CHROMIUM_FLAGS, _chromium_path
from tests.browser.test_diagnostic_browser import no_horizontal_scroll
from tests.conftest import Personas
from tests.french import fr
from tests.incidents.helpers import make_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Any) -> None:
    assert page.locator("h1").count() == 1, page.url
    assert no_horizontal_scroll(page), page.url
    assert_no_violations(page)


def test_anonymous_flow_on_a_phone(phone_page: Any, live_server: Any) -> None:
    page = phone_page
    page.goto(live_server.url + "/incident/")
    page.get_by_role("link", name="Démarrer le mode incident guidé").click()
    page.wait_for_url("**/incident/guide/")
    check(page)
    # A discovery in the future is refused, and the choices made are kept.
    page.get_by_label("Rançongiciel", exact=False).check()
    page.get_by_label("Je ne sais pas").check()
    page.get_by_label("Date de la découverte").fill("2099-01-01")
    page.get_by_role("button", name="Commencer").click()
    assert "dans le futur" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Rançongiciel", exact=False).is_checked()
    check(page)
    page.get_by_label("Date de la découverte").fill("2026-01-10")
    page.get_by_role("button", name="Commencer").click()
    # One step per screen first, with where it stands; the whole protocol is one link away.
    assert "Étape 1 sur" in page.locator(".step-progress").inner_text()
    check(page)
    page.get_by_role("link", name="Tout le protocole sur une page (à imprimer)").click()
    assert "Incident en cours" in page.locator("h1").inner_text()
    assert "Délai dépassé" in page.locator(".deadlines").inner_text()
    check(page)
    # Tick two steps.
    page.get_by_role("button", name="Fait : Contactez immédiatement votre prestataire").click()
    # A note typed but not yet added survives pressing another button (keep-draft.js).
    page.get_by_label("Nouvelle entrée du journal").fill("Note en cours de saisie")
    page.get_by_role("button", name="Fait : Isolez sans délai").click()
    assert page.locator(".done-mark").count() == 2
    kept = page.get_by_label("Nouvelle entrée du journal").input_value()
    assert kept == "Note en cours de saisie"
    # An entry too long is refused and kept; a normal one is added.
    journal = page.get_by_label("Nouvelle entrée du journal")
    journal.fill("x" * 6000)
    page.get_by_role("button", name="Ajouter au journal").click()
    assert "5000 caractères au maximum" in page.locator("#journal").inner_text()
    assert len(page.get_by_label("Nouvelle entrée du journal").input_value()) == 6000
    check(page)
    page.get_by_label("Nouvelle entrée du journal").fill("Message de rançon au poste de l'accueil")
    page.get_by_role("button", name="Ajouter au journal").click()
    assert "Message de rançon au poste de l'accueil" in page.locator(".journal").inner_text()
    assert page.locator(".done-mark").count() == 2  # nothing lost on the way
    check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le dossier (PDF)").click()
    path = download_info.value.path()
    assert Path(path).read_bytes()[:4] == b"%PDF"


def test_back_then_act_loses_nothing_in_the_anonymous_mode(
    phone_page: Any, live_server: Any
) -> None:
    page = phone_page
    page.goto(live_server.url + "/incident/guide/")
    page.get_by_label("Autre chose", exact=False).check()
    page.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Commencer").click()
    page.get_by_role("link", name="Tout le protocole sur une page (à imprimer)").click()
    journal = page.get_by_label("Nouvelle entrée du journal")
    journal.fill("Première entrée")
    page.get_by_role("button", name="Ajouter au journal").click()
    page.locator(".journal").wait_for()
    page.get_by_role("button", name="Fait : Isolez sans délai").click()
    page.locator(".done-mark").first.wait_for()
    page.wait_for_load_state("load")  # a Back during a navigation is refused by the browser
    page.go_back()
    page.wait_for_load_state("load")
    page.go_back()  # the page as it was before both actions
    page.wait_for_load_state("load")
    page.get_by_label("Nouvelle entrée du journal").fill("Écrite après Retour")
    page.get_by_role("button", name="Ajouter au journal").click()
    text = page.locator(".journal").inner_text()
    assert "Première entrée" in text and "Écrite après Retour" in text
    assert page.locator(".done-mark").count() == 1  # the step done before Back is still done
    page.reload()  # a reload is a GET: nothing is posted again
    assert page.locator(".journal").inner_text().count("Écrite après Retour") == 1
    check(page)


Steps = Callable[[Any], None]


def _drive(session_cookie: str, base_url: str, steps: Steps) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_FLAGS)
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        context.add_cookies([{"name": "sessionid", "value": session_cookie, "url": base_url}])
        try:
            steps(context.new_page())
        finally:
            chromium.close()


def test_practice_incident_pages(live_server: Any, personas: Personas) -> None:
    """In a thread of its own: the session Playwright of this module's other tests would
    refuse a second one in the same thread (see tests/practices/test_practices_browser.py)."""
    if _chromium_path() is None:
        if os.environ.get("CYBERDENT_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium not found")
        pytest.skip("Chromium not found")
    incident = make_incident(personas.practice_a, personas.owner_a)
    base = f"{live_server.url}/cabinet/{personas.practice_a.pk}/incidents/"

    def steps(page: Any) -> None:
        for path in (
            "",
            "nouveau/",
            f"{incident.pk}/",
            f"{incident.pk}/etape/2/",
            f"{incident.pk}/cloturer/",
        ):
            page.goto(base + path)
            check(page)
        page.goto(base + f"{incident.pk}/")
        page.get_by_role("button", name="Fait : Isolez sans délai").click()
        page.get_by_label("Nouvelle entrée du journal").fill("")
        page.get_by_role("button", name="Ajouter au journal").click()
        assert "vide" in page.locator("#journal").inner_text()
        check(page)
        page.get_by_label("Élevé", exact=False).check()
        page.get_by_role("button", name=fr("Voir ce qu'il faut faire")).click()
        check(page)
        # Back, then act: the entry typed on the older page is added, nothing is lost.
        page.get_by_label("Nouvelle entrée du journal").fill("Avant Retour")
        page.get_by_role("button", name="Ajouter au journal").click()
        page.get_by_text("Avant Retour").wait_for()
        page.wait_for_load_state("load")  # a Back during a navigation is refused by the browser
        page.go_back()  # the page before the entry was added
        page.wait_for_load_state("load")
        page.get_by_label("Nouvelle entrée du journal").fill("Après Retour")
        page.get_by_role("button", name="Ajouter au journal").click()
        text = page.locator(".journal").inner_text()
        assert "Avant Retour" in text and "Après Retour" in text
        page.goto(base + f"{incident.pk}/cloturer/")
        page.get_by_label(fr("Que s'est-il passé ?")).fill("Pièce jointe ouverte")
        page.get_by_role("button", name=fr("Clôturer l'incident")).click()
        assert "Incident clôturé le" in page.locator("#cloture h2").inner_text()
        check(page)

    client = Client()
    client.force_login(personas.member_a)
    cookie = client.cookies["sessionid"].value
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(_drive, cookie, live_server.url, steps).result()
