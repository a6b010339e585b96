"""A logged-in Chromium at phone width, run in a thread of its own.

The session-wide Playwright of tests/browser/conftest.py holds the main thread; a second sync
Playwright there would be refused, so the practice-space browser tests drive theirs from a
worker thread. Use: `from tests.browser.threaded import in_phone_browser` (a fixture), then
`in_phone_browser(user, steps)` where `steps(page)` does the clicking and checking.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.test import Client

from tests.browser.conftest import CHROMIUM_FLAGS, _chromium_path

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


@pytest.fixture
def in_phone_browser(live_server: Any) -> Callable[[Any, Steps], None]:
    """Run `steps(page)` as `user` in Chromium at 390 px."""
    if _chromium_path() is None:
        if os.environ.get("CYBERDENT_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium not found")
        pytest.skip("Chromium not found: install Debian's chromium to run the browser tests")

    def run(user: Any, steps: Steps) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"].value
        with ThreadPoolExecutor(max_workers=1) as worker:
            worker.submit(_drive, cookie, live_server.url, steps).result()

    return run
