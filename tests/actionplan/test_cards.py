"""The plan card of the practice dashboard."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from cyberdent.practices.access import PracticeAccess
from cyberdent.practices.models import Membership
from tests.actionplan.conftest import SaveDiagnostic, item
from tests.conftest import Personas


def render_card(personas: Personas) -> str:
    membership = Membership.objects.get(practice=personas.practice_a, user=personas.owner_a)
    access = PracticeAccess(practice=personas.practice_a, membership=membership)
    request = RequestFactory().get("/")
    template = Template("{% load actionplan_cards %}{% plan_card access %}")
    return template.render(Context({"access": access, "request": request}))


def test_card_without_a_diagnostic(personas: Personas) -> None:
    html = render_card(personas)
    assert "Pas encore de plan" in html
    assert f"/cabinet/{personas.practice_a.pk}/plan/" in html


def test_card_shows_progress_and_the_next_deadlines(
    personas: Personas, save_diagnostic: SaveDiagnostic
) -> None:
    diagnostic = save_diagnostic(personas.practice_a, backups="no", mfa="no", auto_lock="no")
    today = timezone.localdate()
    for action_id, days, status in [
        ("act_backups", 30, "todo"),
        ("act_mfa", -2, "in_progress"),  # late
        ("act_auto_lock", 1, "done"),  # done: not a deadline any more
    ]:
        tracked = item(diagnostic, action_id)
        tracked.due_date, tracked.status = today + dt.timedelta(days=days), status
        tracked.assignee = personas.member_a
        tracked.save()
    html = render_card(personas)
    assert "1 action faite sur 5" in html
    assert 'max="5" value="1"' in html
    assert "Prochaines échéances" in html
    assert html.index("Activer la double authentification") < html.index(
        "Mettre en place des sauvegardes"
    )
    assert "en retard" in html
    assert "Régler le verrouillage" not in html
    assert "assistante@lilas.test" in html
    assert f"/cabinet/{personas.practice_a.pk}/calendrier/" in html
