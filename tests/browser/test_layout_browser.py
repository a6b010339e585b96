"""The layout in a real Chromium, at 390 × 844 (a phone) and 1280 × 800: axe-core finds nothing
on the main pages (a practice dashboard with its open-incident banner and the « Compte » menu
open included), nothing scrolls sideways, the header stays at most 120 px on a phone with the
crisis button in sight, the footer sits at the bottom of a short page, and both the « Menu »
and the « Compte » disclosures open without JavaScript. Skipped without Chromium.

CYBERDENT_SCREENSHOTS=<dir> keeps PNGs of these pages (and of the dashboard) there."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from tests.browser.axe import assert_no_violations
from tests.browser.test_diagnostic_browser import no_horizontal_scroll
from tests.browser.test_first_screen import HEADER_MAX, bottom, screenshot
from tests.conftest import Personas
from tests.incidents.helpers import make_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
PUBLIC_PAGES = [
    ("/", "home"),
    ("/mesures/", "measures"),
    ("/pourquoi-se-proteger/", "why-protect"),
    ("/incident/", "incident"),
    ("/a-propos/", "about"),
    ("/comptes/login/", "login"),
]
CRISIS = "Victime d’une cyberattaque\u202f?"

OpenPage = Callable[..., Any]


@pytest.fixture
def open_page(browser: Any, live_server: Any) -> Iterator[OpenPage]:
    """`open_page(viewport, user=None, javascript=True)`: a new page, logged in as `user`."""
    contexts: list[Any] = []

    def make(viewport: dict[str, int], user: Any = None, javascript: bool = True) -> Any:
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def check_layout(page: Any, viewport: dict[str, int]) -> None:
    crisis = page.locator(".site-header .alert-link")
    assert crisis.is_visible()
    assert crisis.inner_text() == CRISIS
    assert bottom(crisis) <= viewport["height"]
    if viewport == PHONE:
        assert bottom(page.locator(".site-header")) <= HEADER_MAX
    assert page.locator(".brand-logo").evaluate("img => img.complete && img.naturalWidth > 0")
    assert no_horizontal_scroll(page), page.url
    assert_no_violations(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("path", "name"), PUBLIC_PAGES)
def test_public_pages(
    open_page: OpenPage, live_server: Any, viewport: dict[str, int], path: str, name: str
) -> None:
    page = open_page(viewport)
    page.goto(live_server.url + path)
    screenshot(page, f"{name}-{'phone' if viewport == PHONE else 'desktop'}")
    check_layout(page, viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_measures_show_their_pictograms(
    open_page: OpenPage, live_server: Any, viewport: dict[str, int]
) -> None:
    page = open_page(viewport)
    page.goto(live_server.url + "/mesures/")
    pictos = page.locator(".measure-picto")
    assert pictos.count() == 8
    for index in range(8):
        picto = pictos.nth(index)
        assert picto.evaluate("img => img.complete && img.naturalWidth > 0")
        heading = picto.locator("xpath=following-sibling::h2")
        box, text = picto.bounding_box(), heading.bounding_box()
        assert box["x"] + box["width"] <= text["x"], "the pictogram sits beside its title"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_dashboard_with_the_incident_banner_and_the_account_menu_open(
    open_page: OpenPage, live_server: Any, personas: Personas, viewport: dict[str, int]
) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    page = open_page(viewport, user=personas.owner_a)
    page.goto(f"{live_server.url}/cabinet/{personas.practice_a.pk}/")
    banner = page.locator(".incident-banner")
    assert banner.is_visible()
    assert "Incident en cours depuis le" in banner.inner_text()
    crisis = page.locator(".site-header .alert-link")
    detail = f"/cabinet/{personas.practice_a.pk}/incidents/{incident.pk}/"
    assert crisis.get_attribute("href") == detail
    check_layout(page, viewport)
    kind = "phone" if viewport == PHONE else "desktop"
    screenshot(page, f"dashboard-{kind}")
    if viewport == PHONE:
        page.locator("details.menu > summary").click()
        menu = page.locator("details.menu .account-menu")
    else:
        menu = page.locator(".nav-wide .account-menu")
    account = menu.get_by_role("link", name="Mon compte")
    assert not account.is_visible()
    menu.locator("summary").click()
    assert account.is_visible()
    assert menu.get_by_role("button", name="Se déconnecter").is_visible()
    screenshot(page, f"dashboard-{kind}-account-open")
    assert no_horizontal_scroll(page)
    assert_no_violations(page)
    # An open menu covers the page (no script closes it on a click elsewhere): close it.
    menu.locator("summary").click()
    assert not account.is_visible()
    if viewport == PHONE:
        page.locator("details.menu > summary").click()
    banner.get_by_role("link", name="Reprendre l’incident").click()
    page.wait_for_url(f"**{detail}")


@pytest.mark.parametrize(
    ("path", "viewport"),
    [
        ("/comptes/login/", {"width": 1280, "height": 1100}),
        ("/a-propos/", {"width": 1280, "height": 1700}),
        ("/nulle-part/", PHONE),
    ],
)
def test_the_footer_sits_at_the_bottom_of_a_short_page(
    open_page: OpenPage, live_server: Any, path: str, viewport: dict[str, int]
) -> None:
    page = open_page(viewport)
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollHeight") == viewport["height"], (
        "a short page: nothing to scroll"
    )
    assert bottom(page.locator(".site-footer")) == pytest.approx(viewport["height"], abs=1)


def test_menu_and_account_menu_open_without_javascript_on_a_phone(
    open_page: OpenPage, live_server: Any, personas: Personas
) -> None:
    page = open_page(PHONE, user=personas.member_a, javascript=False)
    page.goto(live_server.url + "/mesures/")
    menu = page.locator("details.menu")
    measures = menu.get_by_role("link", name="Les mesures")
    assert not measures.is_visible()
    menu.locator("> summary").click()
    assert measures.is_visible()
    account = menu.locator(".account-menu")
    space = account.get_by_role("link", name="Mon espace")
    assert not space.is_visible()
    account.locator("summary").click()
    assert space.is_visible()
    space.click()
    page.wait_for_url("**/espace/")


def test_account_menu_opens_without_javascript_on_a_wide_screen(
    open_page: OpenPage, live_server: Any, personas: Personas
) -> None:
    page = open_page(DESKTOP, user=personas.owner_a, javascript=False)
    page.goto(live_server.url + "/")
    assert page.locator("details.menu").is_hidden()
    account = page.locator(".nav-wide .account-menu")
    link = account.get_by_role("link", name="Mon compte")
    assert not link.is_visible()
    account.locator("summary").click()
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/comptes/mon-compte/")
