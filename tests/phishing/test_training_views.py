"""The anonymous training: 10 messages, an answer each, the clues shown in place, a score; the
session lives in the address (nothing stored); Back, reload and a forged link lose nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from cyberdent.domain.training.loader import default_training
from cyberdent.domain.training.session import SESSION_SIZE, Answer, draw_session
from cyberdent.phishing.tokens import SessionState, read_token
from tests.french import fr

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"[?&]t=([^&#\"]+)")


def _token_of(url: str) -> str:
    from urllib.parse import unquote

    found = TOKEN.search(url)
    assert found, url
    return unquote(found.group(1))


def _step(number: int, state: SessionState) -> str:
    return reverse("phishing:training_step", kwargs={"number": number}) + f"?t={state.token()}"


def _answer(client: Client, number: int, state: SessionState, answer: str) -> SessionState:
    url = reverse("phishing:training_step", kwargs={"number": number})
    response = client.post(url, {"t": state.token(), "reponse": answer})
    assert response.status_code == 302
    return read_token(_token_of(response["Location"]))


def test_the_home_page_starts_a_session(client: Client) -> None:
    html = client.get(reverse("phishing:training")).content.decode()
    assert "Entraînement hameçonnage" in html
    start = re.search(r'href="(/hameconnage/entrainement/1/\?t=[^"]+)"', html)
    assert start
    page = client.get(start.group(1).replace("&amp;", "&"))
    assert page.status_code == 200
    assert "Message 1 sur 10" in page.content.decode()


def test_a_whole_session_scores_and_shows_every_clue(client: Client) -> None:
    training = default_training()
    state = SessionState(seed=7)
    ids = draw_session(training, seed=7)
    for number, example_id in enumerate(ids, start=1):
        example = training.example(example_id)
        question = client.get(_step(number, state)).content.decode()
        assert f"Message {number} sur {SESSION_SIZE}" in question
        assert 'name="reponse"' in question
        assert "C’était" not in question  # the verdict is not given before the answer
        state = _answer(client, number, state, example.verdict.value)  # always right
        correction = client.get(_step(number, state)).content.decode()
        assert 'name="reponse"' not in correction
        for clue in example.all_clues:
            assert '<mark class="clue">' in correction
            assert clue.explanation in correction
    result = client.get(reverse("phishing:training_result") + f"?t={state.token()}")
    html = result.content.decode()
    assert fr("Votre résultat : 10 sur 10") in html
    assert "Bravo" in html
    assert not client.session.keys() - {"_messages"}  # nothing kept on the server side


def test_wrong_and_unknown_answers_show_the_missed_clues(client: Client) -> None:
    training = default_training()
    state = SessionState(seed=3)
    ids = draw_session(training, seed=3)
    for number, example_id in enumerate(ids, start=1):
        example = training.example(example_id)
        wrong = Answer.LEGIT if example.verdict.value == "scam" else Answer.SCAM
        answer = Answer.UNKNOWN if number == 1 else wrong
        state = _answer(client, number, state, answer.value)
    html = client.get(reverse("phishing:training_result") + f"?t={state.token()}").content.decode()
    assert fr("Votre résultat : 0 sur 10") in html
    assert "Les indices à retenir" in html
    first = training.example(ids[0])
    assert first.all_clues[0].explanation in html


def test_an_answer_given_stays_when_the_form_is_sent_again(client: Client) -> None:
    state = SessionState(seed=11)
    after = _answer(client, 1, state, "scam")
    # Back, then the same form sent again with another answer: the first answer stays.
    again = _answer(client, 1, after, "legit")
    assert again.answers == (Answer.SCAM,)
    # The old page's token (before the answer) sends the answer again: still one answer.
    replay = _answer(client, 1, state, "legit")
    assert replay.answers == (Answer.LEGIT,)  # that token's session had no answer yet


def test_no_answer_chosen_is_asked_again(client: Client) -> None:
    state = SessionState(seed=5)
    url = reverse("phishing:training_step", kwargs={"number": 1})
    response = client.post(url, {"t": state.token()}, follow=True)
    assert fr("Choisissez une réponse") in response.content.decode()
    assert 'name="reponse"' in response.content.decode()


@pytest.mark.parametrize("token", ["", "abîmé", SessionState(seed=1).token()[:-4] + "AAAA"])
def test_a_bad_link_starts_a_new_session(client: Client, token: str) -> None:
    url = reverse("phishing:training_step", kwargs={"number": 4}) + f"?t={token}"
    response = client.get(url)
    assert response.status_code == 302
    assert read_token(_token_of(response["Location"])).answers == ()


def test_skipping_ahead_goes_back_to_the_message_waiting(client: Client) -> None:
    state = SessionState(seed=9, answers=(Answer.SCAM, Answer.LEGIT))
    response = client.get(_step(7, state))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("phishing:training_step", kwargs={"number": 3}))
    early = client.get(reverse("phishing:training_result") + f"?t={state.token()}")
    assert early["Location"].startswith(reverse("phishing:training_step", kwargs={"number": 3}))
