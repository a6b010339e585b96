"""Every « Comment faire » and « Pourquoi ce niveau ? » disclosure shows a marker (▸ closed,
▾ open): `display: flex` on a summary hides the browser's own triangle, so the CSS draws one.
A link to an action of the result (#id) opens its steps. Skipped without Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.helpers import save_diagnostic
from tests.conftest import Personas, all_yes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKER = "el => getComputedStyle(el, '::before').content"


def markers(page: Any, selector: str) -> list[str]:
    return [str(m) for m in page.locator(selector).evaluate_all(f"els => els.map({MARKER})")]


def test_result_disclosures_have_markers_and_a_link_opens_the_steps(
    phone_page: Any, live_server: Any
) -> None:
    location = Client().post("/diagnostic/", all_yes(backups="no", mfa="no"))["Location"]
    phone_page.goto(live_server.url + location)
    assert set(markers(phone_page, "details.how > summary")) == {'"▸"'}
    assert markers(phone_page, "details.why > summary") == ['"▸"']
    phone_page.locator("details.why > summary").click()
    assert markers(phone_page, "details.why > summary") == ['"▾"']
    # « Toutes les étapes de cette action » leads to the action, its steps open.
    first = phone_page.locator(".first-action a[href^='#']")
    target = first.get_attribute("href")
    first.click()
    assert phone_page.locator(f"{target} details.how").evaluate("d => d.open")


def test_plan_disclosures_have_markers(
    phone_page: Any, live_server: Any, personas: Personas
) -> None:
    save_diagnostic(personas.practice_a, personas.owner_a, backups="no", mfa="no")
    client = Client()
    client.force_login(personas.owner_a)
    phone_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    phone_page.goto(
        live_server.url + reverse("actionplan:plan", kwargs={"practice_id": personas.practice_a.pk})
    )
    found = markers(phone_page, "details.how-to > summary")
    assert len(found) >= 2 and set(found) == {'"▸"'}
