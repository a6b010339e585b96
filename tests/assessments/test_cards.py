"""The dashboard's diagnostic card: {% load assessments_cards %}{% diagnostic_card access %}."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template

from cyberdent.practices.access import PracticeAccess
from cyberdent.practices.models import Membership
from tests.assessments.helpers import save_diagnostic
from tests.conftest import Personas

CARD = Template("{% load assessments_cards %}{% diagnostic_card access %}")


def card(personas: Personas, user) -> str:  # type: ignore[no-untyped-def]
    membership = Membership.objects.get(practice=personas.practice_a, user=user)
    access = PracticeAccess(practice=personas.practice_a, membership=membership)
    return CARD.render(Context({"access": access}))


def test_no_diagnostic_yet(personas: Personas) -> None:
    html = card(personas, personas.owner_a)
    assert "Aucun diagnostic enregistré" in html
    assert f'href="/cabinet/{personas.practice_a.pk}/diagnostics/nouveau/"' in html
    assert "nouveau/" not in card(personas, personas.member_a)


def test_latest_score_level_date_and_links(personas: Personas) -> None:
    save_diagnostic(personas.practice_a, personas.owner_a, dt.date(2026, 1, 5), backups="no")
    latest = save_diagnostic(personas.practice_a, personas.owner_a, dt.date(2026, 3, 2), mfa="no")
    html = card(personas, personas.provider_a)
    base = f"/cabinet/{personas.practice_a.pk}/diagnostics/"
    assert "10/11" in html and "Risque faible" in html and "02/03/2026" in html
    assert f'href="{base}{latest.pk}/"' in html
    assert f'href="{base}"' in html
    assert f'href="{base}comparer/"' in html
    assert f'href="{base}nouveau/"' in html
    member_html = card(personas, personas.member_a)
    assert f'href="{base}nouveau/"' not in member_html and "10/11" in member_html
