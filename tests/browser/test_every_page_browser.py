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
from django.utils.http import urlencode

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
    # The anonymous result itself (its spec has no token): the contribution box, the comparison.
    from cyberdent.diagnostic.tokens import encode_answers
    from cyberdent.domain.answers import parse_answers
    from cyberdent.domain.loader import default_referential

    ref = default_referential()
    raw = {q.id: ("yes", "no", "unknown")[i % 3] for i, q in enumerate(ref.questions)}
    token = encode_answers(ref, parse_answers(ref, raw))
    urls.append(reverse("diagnostic:result") + "?" + urlencode({"r": token, "departement": "34"}))
    return urls


def _check_pages(
    browser: Any, live_server: Any, user: Any, urls: list[str], viewport: dict[str, int]
) -> list[str]:
    """Open each HTML page as `user` in Chromium and check it; return the pages checked."""
    context = browser.new_context(viewport=viewport)
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page = context.new_page()
    checked = []
    try:
        for url in urls:
            if HTML_ONLY not in client.get(url, follow=True).get("Content-Type", ""):
                continue  # a PDF, a calendar file, a CSV or JSON export: a download, not a page
            response = page.goto(live_server.url + url)
            assert response is not None and response.status < 500, url
            check_layout(page, viewport)
            checked.append(url)
    finally:
        context.close()
    return checked


def _regional_figures() -> None:
    """Contributions enough for every chart, table and comparison to show figures."""
    from cyberdent.domain.loader import default_referential
    from cyberdent.domain.observatory.demo import demo_contributions
    from cyberdent.observatory.selectors import current_period
    from cyberdent.observatory.services import contributions_import

    ref = default_referential()
    contributions = list(demo_contributions(ref, count=600, seed=1, today=current_period()))
    contributions_import(ref=ref, contributions=contributions, demo=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_is_accessible_and_fits(
    browser: Any, live_server: Any, personas: Personas, viewport: dict[str, int]
) -> None:
    _regional_figures()
    urls = _urls(personas)
    assert len(urls) >= 30, urls  # the specs were found
    checked = _check_pages(browser, live_server, personas.owner_a, urls, viewport)
    assert len(checked) >= 25, checked


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_union_staff_page_is_accessible_and_fits(
    browser: Any, live_server: Any, personas: Personas, viewport: dict[str, int]
) -> None:
    """The union's pages (tests/*/isolation_specs.py STAFF), opened as union staff (with TOTP)."""
    _regional_figures()
    urls = [
        reverse(spec.name) + (f"?{spec.query}" if spec.query else "")
        for spec in STAFF_SPECS
        if "GET" in spec.methods
    ]
    checked = _check_pages(browser, live_server, personas.union_staff, urls, viewport)
    assert len(checked) >= 2, checked
