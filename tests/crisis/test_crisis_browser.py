"""The protocol page and its edit form in a real browser at phone width: axe-core finds no
violation, nothing overflows sideways. Skipped without Chromium (failed where
CYBERDENT_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.browser.axe import assert_no_violations
from tests.browser.test_diagnostic_browser import no_horizontal_scroll
from tests.conftest import Personas
from tests.crisis.helpers import save_protocol
from tests.french import fr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("CYBERDENT_SCREENSHOTS", "")  # a folder, to look at the pages


def check(page: Any, name: str) -> None:
    assert page.locator("h1").count() == 1, page.url
    assert no_horizontal_scroll(page), page.url
    assert_no_violations(page)
    if SCREENSHOTS:  # in slices a person can read
        height = page.evaluate("document.documentElement.scrollHeight")
        for i, top in enumerate(range(0, height, 1200)):
            clip = {"x": 0, "y": top, "width": 390, "height": min(1200, height - top)}
            path = os.path.join(SCREENSHOTS, f"{name}-{i}.png")
            page.screenshot(path=path, full_page=True, clip=clip)


def test_protocol_and_edit_pages(
    in_phone_browser: Any, live_server: Any, personas: Personas
) -> None:
    save_protocol(
        personas.practice_a,
        personas.owner_a,
        team_informed=True,
        it_provider={"name": "Informatique " + "x" * 100, "phone": "04 67 11 22 33"},
    )
    base = f"{live_server.url}/cabinet/{personas.practice_a.pk}/protocole/"

    def steps(page: Any) -> None:
        page.goto(base)
        check(page, "protocol")
        assert page.get_by_role("link", name="mettre à jour le diagnostic").is_visible()

        page.goto(base + "modifier/")
        check(page, "edit")
        page.get_by_label("Téléphone").first.fill("appelez Marc")
        page.get_by_role("button", name="Enregistrer les contacts").click()
        assert page.locator(".error-summary").is_visible()
        check(page, "edit-errors")

        page.get_by_label("Téléphone").first.fill("04 67 00 00 00")
        page.get_by_label(fr("J'ai présenté ce protocole à toute l'équipe")).check()
        page.get_by_role("button", name="Enregistrer les contacts").click()
        page.wait_for_url(base)
        assert page.get_by_text("Les contacts du protocole sont enregistrés.").is_visible()
        check(page, "protocol-saved")

    in_phone_browser(personas.owner_a, steps)


def test_member_sees_the_protocol(
    in_phone_browser: Any, live_server: Any, personas: Personas
) -> None:
    def steps(page: Any) -> None:
        page.goto(f"{live_server.url}/cabinet/{personas.practice_a.pk}/protocole/")
        check(page, "protocol-empty-member")
        page.goto(f"{live_server.url}/cabinet/{personas.practice_a.pk}/")
        check(page, "dashboard-member")

    in_phone_browser(personas.member_a, steps)
