"""The saved-diagnostics pages in a real browser at 390 px: axe-core finds no violation and
nothing overflows the screen."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from tests.assessments.helpers import save_diagnostic
from tests.browser.axe import assert_no_violations
from tests.browser.conftest import CHROMIUM_FLAGS, _chromium_path
from tests.conftest import Personas, all_yes
from tests.french import fr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("CYBERDENT_SCREENSHOTS")  # a folder, to look at the pages by eye


OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(el => !el.closest('.table-scroll') || el.matches('.table-scroll'))
  .map(el => el.tagName + '.' + el.className + ': ' + (el.textContent || '').trim().slice(0, 40))"""


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Our own Chromium, closed at the end of this module: two live Playwright sessions (one
    per module that imports tests/browser's session fixture) cannot coexist."""
    path = _chromium_path()
    if path is None:
        if os.environ.get("CYBERDENT_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium not found")
        pytest.skip("Chromium not found: install Debian's chromium to run the browser tests")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(params=[(390, 844), (1280, 800)], ids=["phone", "desktop"])
def phone_page(chromium: Any, live_server: Any, request: Any) -> Iterator[Any]:
    """A phone, then a desktop screen: the same pages, the same checks."""
    width, height = request.param
    context = chromium.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


def check(page: Any, name: str) -> None:
    if SHOTS:
        width = page.viewport_size["width"]
        height = page.evaluate("document.documentElement.scrollHeight")
        for i, top in enumerate(range(0, height, 800)):
            clip = {"x": 0, "y": top, "width": width, "height": min(800, height - top)}
            page.screenshot(path=f"{SHOTS}/{name}-{width}-{i}.png", full_page=True, clip=clip)
    assert_no_violations(page)
    overflowing = page.evaluate(OVERFLOWING)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        name,
        overflowing[:5],
    )


def test_pages_are_accessible_on_a_phone(
    phone_page: Any,
    live_server: Any,
    personas: Personas,
) -> None:
    p, u = personas.practice_a, personas.owner_a
    save_diagnostic(p, u, dt.date(2026, 1, 5), backups="no", mfa="no", it_provider="yes")
    save_diagnostic(p, personas.provider_a, dt.date(2026, 4, 2), mfa="unknown")
    last = save_diagnostic(p, u, dt.date(2026, 7, 1), mfa="no", updates="no", auto_lock="no")
    client = Client()
    client.force_login(u)
    token = parse_qs(urlparse(client.post("/diagnostic/", all_yes())["Location"]).query)["r"][0]
    phone_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    base = f"{live_server.url}/cabinet/{p.pk}/diagnostics/"
    pages = {
        "history": base,
        "detail": f"{base}{last.pk}/",
        "compare": f"{base}comparer/",
        "compare_error": f"{base}comparer/?avant=abc&apres={last.pk}",
        "new": f"{base}nouveau/?oui=mfa",
        "save": f"{live_server.url}/espace/enregistrer/?r={token}",
        "result": f"{live_server.url}/diagnostic/resultat/?r={token}",
    }
    for name, url in pages.items():
        phone_page.goto(url)
        check(phone_page, name)
    # The evolution table: on a phone it scrolls sideways, and the page says so.
    phone_page.goto(pages["history"])
    hint = phone_page.locator(".scroll-hint")
    scrolls = phone_page.evaluate(
        "(() => { const t = document.querySelector('.table-scroll-shaded');"
        " return t.scrollWidth > t.clientWidth; })()"
    )
    if phone_page.viewport_size["width"] == 390:
        assert scrolls and hint.is_visible()
    else:
        assert not hint.is_visible()
    phone_page.goto(f"{base}nouveau/")
    # The form is pre-filled: clear one answer to see the error summary.
    phone_page.evaluate(
        "document.querySelectorAll('input[name=updates]').forEach(e => { e.checked = false })"
    )
    phone_page.click("button[type=submit].button")
    assert "Il manque 1 réponse" in phone_page.content()
    check(phone_page, "new_error")
    # A member may not save here: the page explains why and offers to create a practice.
    client.force_login(personas.member_a)
    phone_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    phone_page.goto(pages["save"])
    assert fr("ne permet pas d'enregistrer") in phone_page.content()
    check(phone_page, "save_refused")
