"""Every page a person can open, in a real Chromium at 390 × 844 and 1280 × 800: axe-core finds
nothing, nothing scrolls sideways, the crisis button is in sight and the phone header stays
small. The list of pages is the isolation specs' (tests/*/isolation_specs.py): a new page is
checked here as soon as it is declared there. Practice pages are opened as the owner, with the
objects each app builds (an incident, a saved diagnostic…). Skipped without Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.browser.test_layout_browser import VIEWPORTS, check_layout
from tests.conftest import Personas
from tests.test_isolation import MODULES, PRACTICE_SPECS, PUBLIC_SPECS, STAFF_SPECS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HTML_ONLY = "text/html"


def _objects(personas: Personas) -> dict[str, int]:
    built: dict[str, int] = {}
    for module in MODULES:
        build = getattr(module, "build_objects", None)
        if build is not None:
            built.update(build(personas.practice_a, personas.owner_a))
    return built


def _urls(personas: Personas) -> list[str]:
    objects = _objects(personas)
    urls = []
    for spec in PRACTICE_SPECS:
        if "GET" in spec.methods:
            kwargs = {"practice_id": personas.practice_a.pk}
            kwargs.update({name: objects[name] for name in spec.objects})
            urls.append(reverse(spec.name, kwargs=kwargs))
    for public in PUBLIC_SPECS:
        urls.append(reverse(public.name, kwargs=dict(public.kwargs)))
    return urls


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_is_accessible_and_fits(
    browser: Any, live_server: Any, personas: Personas, viewport: dict[str, int]
) -> None:
    urls = _urls(personas)
    assert len(urls) >= 30, urls  # the specs were found
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    client = Client()
    client.force_login(personas.owner_a)
    cookie = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page = context.new_page()
    checked = []
    try:
        for url in urls:
            if HTML_ONLY not in client.get(url, follow=True).get("Content-Type", ""):
                continue  # a PDF, a calendar file: a download, not a page
            response = page.goto(live_server.url + url)
            assert response is not None and response.status < 500, url
            check_layout(page, viewport)
            checked.append(url)
    finally:
        context.close()
    assert len(checked) >= 25, checked


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_union_staff_page_is_accessible_and_fits(
    browser: Any, live_server: Any, personas: Personas, viewport: dict[str, int]
) -> None:
    """The union's pages (tests/*/isolation_specs.py STAFF), opened as union staff (with TOTP)."""
    urls = [
        reverse(spec.name) + (f"?{spec.query}" if spec.query else "")
        for spec in STAFF_SPECS
        if "GET" in spec.methods
    ]
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    client = Client()
    client.force_login(personas.union_staff)
    cookie = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page = context.new_page()
    checked = []
    try:
        for url in urls:
            if HTML_ONLY not in client.get(url).get("Content-Type", ""):
                continue  # a CSV or JSON export: a download, not a page
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, url
            check_layout(page, viewport)
            checked.append(url)
    finally:
        context.close()
    assert len(checked) >= 2, checked
