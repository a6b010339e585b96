"""The hameçonnage pages in their answered states, in a real Chromium at 390 px: a training
message answered and corrected (the clues marked in place), and the checker's verdict on a
pasted message. axe-core finds nothing; nothing scrolls sideways."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cyberdent.phishing.tokens import SessionState
from tests.browser.test_layout_browser import PHONE, check_layout
from tests.french import fr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORPUS = Path(__file__).resolve().parents[1] / "domain" / "mailcheck" / "corpus"


def test_a_training_message_answered_then_corrected(phone_page: Any, live_server: Any) -> None:
    page = phone_page
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/hameconnage/entrainement/1/?t={SessionState(seed=7).token()}")
    check_layout(page, PHONE)
    page.locator("#reponse-unknown").check()
    page.get_by_role("button", name="Valider ma réponse").click()
    page.wait_for_load_state()
    assert page.locator("#correction").is_visible()
    assert page.locator("mark.clue").count() >= 1
    check_layout(page, PHONE)


def test_the_checker_gives_its_verdict(phone_page: Any, live_server: Any) -> None:
    page = phone_page
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/hameconnage/verifier/")
    check_layout(page, PHONE)
    source = (CORPUS / "01_faux_remboursement_ameli.eml").read_text(encoding="utf-8")
    page.locator("#id_source").fill(source)
    page.get_by_role("button", name="Analyser le message").click()
    page.wait_for_load_state()
    assert "Très probablement une arnaque" in page.locator("#verdict-title").inner_text()
    assert fr("Que faire ?") in page.content()
    check_layout(page, PHONE)
