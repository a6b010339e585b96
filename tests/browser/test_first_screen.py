"""The first gestures on the first screen of a phone (390 × 844): on /incident/, on the guided
mode's start page and on a practice's incident start page, « Débranchez », « Ne payez pas » and
the way to call for help (the IT provider's tel: link, or 17Cyber) are visible without
scrolling, under a header of at most 120 px; axe-core finds nothing, nothing scrolls sideways,
and the « Menu » disclosure opens without JavaScript. Skipped without Chromium.

CYBERDENT_SCREENSHOTS=<dir> keeps a PNG of each first screen there, to look at."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from cyberdent.crisis.models import CrisisProtocol
from tests.browser.axe import assert_no_violations
from tests.browser.conftest import _chromium_path
from tests.browser.test_diagnostic_browser import no_horizontal_scroll
from tests.browser.test_incident_browser import _drive
from tests.conftest import Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREEN_HEIGHT = 844
HEADER_MAX = 120


def bottom(locator: Any) -> float:
    assert locator.count() == 1, locator
    box = locator.bounding_box()
    assert box is not None, locator
    return float(box["y"] + box["height"])


def screenshot(page: Any, name: str) -> None:
    """The first screen, and the whole page beside it, when CYBERDENT_SCREENSHOTS names a folder."""
    folder = os.environ.get("CYBERDENT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))
        page.screenshot(path=str(Path(folder) / f"{name}-full.png"), full_page=True)


def check_first_screen(page: Any, call: str, *, javascript: bool = True) -> None:
    """`call` is the selector of the link that gets help: a tel: link or the 17Cyber site.
    Without JavaScript, only what the browser measures itself (no script, so no axe)."""
    assert page.viewport_size == {"width": 390, "height": SCREEN_HEIGHT}
    assert bottom(page.locator(".site-header")) <= HEADER_MAX
    box = page.locator(".right-now")
    assert bottom(box) <= SCREEN_HEIGHT, "the whole box is on the first screen"
    for text in ("Débranchez", "Ne payez pas"):
        assert bottom(box.locator("li", has_text=text)) <= SCREEN_HEIGHT, text
    link = box.locator(call)
    assert link.is_visible()
    assert bottom(link) <= SCREEN_HEIGHT
    # Nothing to answer or press comes before the first gestures.
    first_control = page.locator("main").locator("form, fieldset, .button").first
    if first_control.count():
        top = first_control.bounding_box()["y"]
        assert top >= bottom(box), "a question or a button comes before the box"
    if javascript:
        assert page.evaluate("window.scrollY") == 0
        assert no_horizontal_scroll(page), page.url
        assert_no_violations(page)


@pytest.mark.parametrize(
    ("path", "name"), [("/incident/", "incident"), ("/incident/guide/", "guide-start")]
)
def test_anonymous_first_screen(phone_page: Any, live_server: Any, path: str, name: str) -> None:
    phone_page.goto(live_server.url + path)
    screenshot(phone_page, name)
    check_first_screen(phone_page, 'a[href="https://17cyber.gouv.fr"]')
    assert phone_page.locator('.right-now a[href^="tel:"]').count() == 0


def test_practice_start_page_calls_its_it_provider(live_server: Any, personas: Personas) -> None:
    """In a thread of its own, as in test_incident_browser.test_practice_incident_pages."""
    if _chromium_path() is None:
        if os.environ.get("CYBERDENT_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium not found")
        pytest.skip("Chromium not found")
    CrisisProtocol.objects.create(
        practice=personas.practice_a,
        contacts={"it_provider": {"name": "Info Santé Lunel", "phone": "04 67 12 34 56"}},
    )
    url = f"{live_server.url}/cabinet/{personas.practice_a.pk}/incidents/nouveau/"

    def steps(page: Any) -> None:
        for target, name in ((url, "practice-start"), (live_server.url + "/incident/", "")):
            page.goto(target)
            if name:
                screenshot(page, name)
            check_first_screen(page, 'a[href="tel:0467123456"]')
            assert "Info Santé Lunel" in page.locator(".right-now").inner_text()

    client = Client()
    client.force_login(personas.member_a)
    cookie = client.cookies["sessionid"].value
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(_drive, cookie, live_server.url, steps).result()


def test_the_menu_opens_without_javascript(nojs_page: Any, live_server: Any) -> None:
    page = nojs_page
    page.goto(live_server.url + "/incident/")
    menu = page.locator("details.menu")
    link = menu.get_by_role("link", name="Les mesures")
    assert not link.is_visible()
    assert page.locator(".nav-wide").is_hidden()  # one navigation at a time
    menu.locator("summary").click()
    assert link.is_visible()
    screenshot(page, "menu-open-nojs")
    link.click()
    page.wait_for_url("**/mesures/")
    # The first screen is the same without JavaScript.
    page.goto(live_server.url + "/incident/")
    check_first_screen(page, 'a[href="https://17cyber.gouv.fr"]', javascript=False)


def test_the_open_menu_is_accessible(phone_page: Any, live_server: Any) -> None:
    phone_page.goto(live_server.url + "/incident/")
    phone_page.locator("details.menu summary").click()
    assert phone_page.locator("details.menu").get_by_role("link", name="Les mesures").is_visible()
    assert no_horizontal_scroll(phone_page)
    assert_no_violations(phone_page)


def test_wide_screens_show_the_navigation_bar(desktop_page: Any, live_server: Any) -> None:
    desktop_page.goto(live_server.url + "/incident/")
    assert desktop_page.locator("details.menu").is_hidden()
    assert desktop_page.locator(".nav-wide").get_by_role("link", name="Les mesures").is_visible()
    screenshot(desktop_page, "incident-desktop")
    assert_no_violations(desktop_page)
