"""The training in the practice space: a finished session is recorded once (date and score,
not the answers), each member sees their own, the owner sees the team register."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from cyberdent.domain.training.loader import default_training
from cyberdent.domain.training.session import SESSION_SIZE, draw_session
from cyberdent.phishing.models import TrainingSession
from cyberdent.phishing.tokens import SessionState, read_token
from tests.conftest import Personas
from tests.french import fr

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _step_url(personas: Personas, number: int) -> str:
    url = reverse("phishing:practice_training_step", kwargs={"practice_id": personas.practice_a.pk})
    return f"{url}?n={number}"


def _finish(client: Client, personas: Personas, seed: int, right: int) -> SessionState:
    """Answer the 10 messages of the session `seed`: the first `right` ones right."""
    training = default_training()
    state = SessionState(seed)
    for number, example_id in enumerate(draw_session(training, seed=seed), start=1):
        verdict = training.example(example_id).verdict.value
        answer = verdict if number <= right else ("legit" if verdict == "scam" else "scam")
        response = client.post(_step_url(personas, number), {"t": state.token(), "reponse": answer})
        assert response.status_code == 302
        state = read_token(unquote(re.search(r"t=([^&#]+)", response["Location"]).group(1)))
    return state


def test_a_finished_session_is_recorded_once(personas: Personas) -> None:
    member = _as(personas.member_a)
    state = _finish(member, personas, seed=21, right=9)
    assert len(state.answers) == SESSION_SIZE
    session = TrainingSession.objects.get()
    assert (session.user, session.practice, session.score, session.total, session.passed) == (
        personas.member_a,
        personas.practice_a,
        9,
        10,
        True,
    )
    # The last answer sent again (Back, a double tap): still one record.
    previous = SessionState(state.seed, state.answers[:-1])
    member.post(_step_url(personas, SESSION_SIZE), {"t": previous.token(), "reponse": "scam"})
    assert TrainingSession.objects.count() == 1
    result = reverse(
        "phishing:practice_training_result", kwargs={"practice_id": personas.practice_a.pk}
    )
    html = member.get(f"{result}?t={state.token()}").content.decode()
    assert fr("Votre résultat : 9 sur 10") in html
    assert "registre d’entraînement du cabinet" in html
    home = member.get(
        reverse("phishing:practice_training", kwargs={"practice_id": personas.practice_a.pk})
    )
    assert "9 sur 10 (réussi)" in home.content.decode()


def test_an_unfinished_session_records_nothing(personas: Personas) -> None:
    client = _as(personas.owner_a)
    state = SessionState(5)
    client.post(_step_url(personas, 1), {"t": state.token(), "reponse": "scam"})
    assert not TrainingSession.objects.exists()


def test_the_owner_sees_who_trained_and_who_has_not(personas: Personas) -> None:
    _finish(_as(personas.member_a), personas, seed=1, right=6)
    _finish(_as(personas.owner_a), personas, seed=2, right=10)
    url = reverse(
        "phishing:practice_training_register", kwargs={"practice_id": personas.practice_a.pk}
    )
    html = _as(personas.owner_a).get(url).content.decode()
    assert "2 membres sur 3 entraînés ces 12 derniers mois" in html
    assert html.count("✓ entraîné·e") == 2
    assert html.count("✗ à faire") == 1
    assert personas.provider_a.email in html  # the one who has not trained
    assert "6 sur 10" in html and "10 sur 10" in html


def test_the_anonymous_training_records_nothing(client: Client) -> None:
    state = SessionState(4)
    url = reverse("phishing:training_step", kwargs={"number": 1})
    client.post(url, {"t": state.token(), "reponse": "scam"})
    assert not TrainingSession.objects.exists()


def test_the_diagnostic_shows_the_register_as_evidence(personas: Personas) -> None:
    _finish(_as(personas.member_a), personas, seed=8, right=8)
    url = reverse("assessments:new", kwargs={"practice_id": personas.practice_a.pk})
    owner = _as(personas.owner_a).get(url).content.decode()
    assert fr("Registre du cabinet :") in owner
    assert "1 membre sur 3 entraîné ces 12 derniers mois" in owner
    assert "voir le registre" in owner
    provider = _as(personas.provider_a).get(url).content.decode()
    assert "1 membre sur 3 entraîné ces 12 derniers mois" in provider
    assert "voir le registre" not in provider  # the register is the owner's


def test_the_plan_and_the_result_link_to_the_training(personas: Personas, client: Client) -> None:
    from cyberdent.diagnostic.tokens import encode_answers
    from cyberdent.domain.answers import parse_answers
    from cyberdent.domain.loader import default_referential
    from tests.conftest import all_yes

    ref = default_referential()
    token = encode_answers(ref, parse_answers(ref, all_yes(phishing_training="no")))
    result = client.get(reverse("diagnostic:result"), {"r": token}).content.decode()
    assert 'href="/hameconnage/entrainement/"' in result
    owner = _as(personas.owner_a)
    owner.post(
        reverse("assessments:new", kwargs={"practice_id": personas.practice_a.pk}),
        all_yes(phishing_training="no"),
    )
    plan = owner.get(reverse("actionplan:plan", kwargs={"practice_id": personas.practice_a.pk}))
    assert f'href="/cabinet/{personas.practice_a.pk}/hameconnage/"' in plan.content.decode()


def test_the_dashboard_has_a_training_card(personas: Personas) -> None:
    html = _as(personas.member_a).get(f"/cabinet/{personas.practice_a.pk}/").content.decode()
    assert f'href="/cabinet/{personas.practice_a.pk}/hameconnage/">Entraînement hameçonnage' in html
    assert "0 membre sur 3 entraîné ces 12 derniers mois" in html
