"""time-left.js: the deadline cards' time left follows the clock without a reload, in the
server's words, and a countdown reaching zero turns its card overdue. Playwright's clock
stands in for the hours passing. Skipped without Chromium."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.french import fr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"
MINUTE = 60_000
HOUR = 60 * MINUTE


def start_ransomware(page: Any, url: str) -> Any:
    """An anonymous ransomware incident discovered now (the form's prefilled date and time);
    the complaint card's sentence."""
    page.goto(url + "/incident/guide/")
    page.get_by_label("Rançongiciel", exact=False).check()
    page.get_by_role("button", name="Commencer").click()
    page.wait_for_url("**/incident/guide/suivi/?g=*")
    # The suivi's main page, which shows the deadline cards (not a single step's screen).
    guide_id = parse_qs(urlparse(page.url).query)["g"][0]
    page.goto(f"{url}/incident/guide/suivi/?g={guide_id}")
    return page.locator(".deadline").first


def test_the_time_left_updates_itself(phone_page: Any, live_server: Any) -> None:
    page = phone_page
    page.clock.install()  # the real time now, then moved by hand
    card = start_ransomware(page, live_server.url)
    sentence = card.locator(".deadline-sentence")
    first = sentence.inner_text()
    assert first.startswith("Il reste 2 jours 23 h"), first
    page.clock.fast_forward(2 * HOUR)
    after = sentence.inner_text()
    assert after.startswith("Il reste 2 jours 21 h"), after
    assert after.split(": ", 1)[1:] == first.split(": ", 1)[1:]  # same deadline
    assert card.locator(".deadline-status").inner_text() == "Dans les temps"
    # Under 12 hours: the status changes with the server's words.
    page.clock.fast_forward(61 * HOUR)
    assert card.locator(".deadline-status").inner_text() == "Moins de 12 heures restantes"
    assert "deadline-soon" in (card.get_attribute("class") or "")
    # Past the deadline: overdue, and a reload says what to do.
    page.clock.fast_forward(11 * HOUR)
    assert sentence.inner_text() == fr(
        "L’échéance est passée : rechargez la page pour voir quoi faire."
    )
    assert card.locator(".deadline-status").inner_text() == "⚠ Délai dépassé"


def test_short_durations_match_the_server_wording(phone_page: Any, live_server: Any) -> None:
    page = phone_page
    page.clock.install()
    card = start_ransomware(page, live_server.url)
    page.clock.fast_forward(71 * HOUR + 30 * MINUTE)
    text = card.locator(".deadline-sentence").inner_text()
    assert text.startswith("Il reste 29 min") or text.startswith("Il reste 28 min"), text


def test_without_javascript_the_reload_stays(nojs_page: Any, live_server: Any) -> None:
    card = start_ransomware(nojs_page, live_server.url)
    assert card.locator(".deadline-sentence").inner_text().startswith("Il reste 2 jours 23 h")
    assert "à jour le temps restant" in nojs_page.locator(".deadlines").inner_text()
