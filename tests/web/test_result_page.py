"""The result page reads top-down: the verdict, « Votre première action », the measures to start
with, then the plan with each action's steps folded away (short on a phone)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.conftest import QUESTION_IDS, all_yes
from tests.french import fr

# The result page reads the regional figures (« où en est votre cabinet ») from the database.
pytestmark = pytest.mark.django_db


def result_html(client: Client, **answers: str) -> str:
    location = client.post("/diagnostic/", all_yes(**answers))["Location"]
    return client.get(location).content.decode()


def position(html: str, text: str) -> int:
    index = html.find(text)
    assert index >= 0, text
    return index


def test_first_action_comes_right_after_the_verdict(client: Client) -> None:
    html = result_html(client, backups="no", mfa="no", updates="no")
    verdict = position(html, 'class="verdict"')
    first = position(html, "Votre première action")
    starting = position(html, "3 mesures pour commencer")
    plan = position(html, "Votre plan d")
    assert verdict < first < starting < plan
    card = html[first:starting]
    # The backups action (the only critical gap) is first: title, who, effort, first step.
    assert fr("Qui :") in card and fr("Effort :") in card and fr("Pour commencer :") in card
    assert 'href="#' in card


def test_verdict_names_the_cause(client: Client) -> None:
    html = result_html(client, mfa="no", wifi_separation="no", updates="no")
    assert "2 mesures de plus suffisent pour passer en risque faible" in html
    assert "point(s)" not in html


def test_every_action_steps_are_folded(client: Client) -> None:
    html = result_html(client, **dict.fromkeys(QUESTION_IDS, "no"))
    actions = re.findall(r'<li class="action" id="[^"]+">', html)
    folded = re.findall(r'<details class="how">\s*<summary>Comment faire \(\d+ étapes?\)', html)
    assert len(actions) >= 11 and len(folded) == len(actions)
    # No step list is open outside its disclosure.
    assert html.count('<ol class="steps">') == len(folded)


def test_result_page_is_much_shorter_than_before(client: Client) -> None:
    """All « Non »: the steps are folded, so the visible text is the plan's titles."""
    html = result_html(client, **dict.fromkeys(QUESTION_IDS, "no"))
    visible = re.sub(r'<details class="how">.*?</details>', "", html, flags=re.S)
    assert len(visible) < 0.75 * len(html)
