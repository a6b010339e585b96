"""A person fills the diagnostic in a real browser; axe-core checks every page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.axe import assert_no_violations
from tests.conftest import QUESTION_IDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/pourquoi-se-proteger/",
    "/mesures/",
    "/incident/",
    "/incident/fiche-reflexe/",
    "/diagnostic/",
]


OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .map(el => el.tagName + '.' + el.className + ': ' + (el.textContent || '').trim().slice(0, 50))"""


def no_horizontal_scroll(page: Any) -> bool:
    fits = bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
    if not fits:
        print("overflowing elements:", page.evaluate(OVERFLOWING)[:5])  # shown on failure
    return fits


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_accessible_and_fits_a_phone(
    phone_page: Any, live_server: Any, path: str
) -> None:
    phone_page.goto(live_server.url + path)
    assert phone_page.locator("a", has_text="Victime d’une cyberattaque\u00a0?").is_visible()
    assert no_horizontal_scroll(phone_page), path
    assert_no_violations(phone_page)


def test_fill_the_diagnostic_with_the_mouse_and_read_the_result(
    desktop_page: Any, live_server: Any
) -> None:
    page = desktop_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Faire le diagnostic").first.click()
    answers = dict.fromkeys(QUESTION_IDS, "Oui")
    answers["backups"] = "Je ne sais pas"
    answers["mfa"] = "Non"
    for qid, label in answers.items():
        page.locator(f"#q-{qid}").get_by_label(label, exact=True).check()
    page.locator("#q-hds_hosting summary").click()
    assert page.locator("#q-hds_hosting details p").first.is_visible()
    page.get_by_role("button", name="Voir mon résultat").click()
    page.wait_for_url("**/diagnostic/resultat/**")
    assert page.locator(".score-value").inner_text() == "9/11"
    assert "Risque élevé" in page.locator("#level-title").inner_text()
    assert page.get_by_role("heading", name="À faire en priorité").is_visible()
    assert_no_violations(page)


def test_keyboard_only_with_a_missing_answer(phone_page: Any, live_server: Any) -> None:
    page = phone_page
    page.goto(live_server.url + "/diagnostic/")
    # Answer the first ten questions with the keyboard: focus the "Oui" radio, press Space.
    for qid in QUESTION_IDS[:10]:
        page.locator(f"#id_{qid}_0").focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Voir mon résultat").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert "Il manque 1 réponse" in summary.inner_text()
    assert "Un protocole de crise existe" in summary.inner_text()
    assert page.locator("#id_passwords_0").is_checked()
    assert_no_violations(page)
    page.locator("#id_crisis_protocol_1").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Voir mon résultat").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/diagnostic/resultat/**")
    assert page.locator(".score-value").inner_text() == "10/11"
    assert "Risque faible" in page.locator("#level-title").inner_text()
    assert no_horizontal_scroll(page)
    assert_no_violations(page)


def test_the_diagnostic_works_without_javascript(nojs_page: Any, live_server: Any) -> None:
    page = nojs_page
    page.goto(live_server.url + "/diagnostic/")
    for qid in QUESTION_IDS:
        page.locator(f"#id_{qid}_1").check()
    page.get_by_role("button", name="Voir mon résultat").click()
    page.wait_for_url("**/diagnostic/resultat/**")
    assert page.locator(".score-value").inner_text() == "0/11"
