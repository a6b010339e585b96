"""« Entraînement hameçonnage » without an account: 10 messages, one per page, an answer, then
every clue pointed at in the message itself. The session lives in the page's address (a signed
token, like the diagnostic's result): nothing is stored. Every POST ends in a redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from cyberdent.domain.training.loader import default_training
from cyberdent.domain.training.session import (
    SESSION_SIZE,
    Answer,
    draw_session,
    score_session,
)
from cyberdent.phishing.presenters import message_view
from cyberdent.phishing.tokens import BadToken, SessionState, new_session, read_token

ANSWER_LABELS = {
    Answer.SCAM: "Arnaque",
    Answer.LEGIT: "Légitime",
    Answer.UNKNOWN: "Je ne sais pas",
}
BAD_LINK = "Ce lien d’entraînement est abîmé ou incomplet : une nouvelle série commence."


def _step_url(state: SessionState, number: int) -> str:
    url = reverse("phishing:training_step", kwargs={"number": number})
    return f"{url}?{urlencode({'t': state.token()})}"


def _result_url(state: SessionState) -> str:
    return reverse("phishing:training_result") + "?" + urlencode({"t": state.token()})


def _state(request: HttpRequest) -> SessionState | None:
    token = (request.POST if request.method == "POST" else request.GET).get("t", "")
    try:
        return read_token(token)
    except BadToken:
        return None


@require_safe
def training_home(request: HttpRequest) -> HttpResponse:
    training = default_training()
    return render(
        request,
        "phishing/training_home.html",
        {
            "start_url": _step_url(new_session(), 1),
            "size": SESSION_SIZE,
            "kinds": training.kinds,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def training_step(request: HttpRequest, number: int) -> HttpResponse:
    state = _state(request)
    if state is None or len(state.answers) > SESSION_SIZE:
        messages.info(request, BAD_LINK)
        return redirect(_step_url(new_session(), 1))
    current = len(state.answers) + 1  # the message waiting for an answer
    if not 1 <= number <= SESSION_SIZE or number > current:
        return redirect(_step_url(state, min(current, SESSION_SIZE)))
    training = default_training()
    ids = draw_session(training, seed=state.seed)
    example = training.example(ids[number - 1])
    if request.method == "POST":
        raw = request.POST.get("reponse", "")
        if number == current and raw in {a.value for a in Answer}:
            state = state.answered(Answer(raw))
        elif number == current:
            messages.error(request, "Choisissez une réponse : Arnaque, Légitime ou Je ne sais pas.")
        # An answer already given (Back, a second tap) stays as it was.
        return redirect(_step_url(state, number) + "#correction")
    answered = number < current
    context: dict[str, Any] = {
        "number": number,
        "size": SESSION_SIZE,
        "token": state.token(),
        "answered": answered,
        "labels": ANSWER_LABELS,
        "answers": list(Answer),
        **message_view(example, with_clues=answered),
    }
    if answered:
        given = state.answers[number - 1]
        outcome = score_session(training, [example.id], {example.id: given}).outcomes[0]
        context.update(
            {
                "given": ANSWER_LABELS[given],
                "outcome": outcome.outcome.value,
                "reflexes": [training.reflex(r) for r in example.reflexes],
                "next_url": _step_url(state, number + 1)
                if number < SESSION_SIZE
                else _result_url(state),
            }
        )
    return render(request, "phishing/training_step.html", context)


@require_safe
def training_result(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if state is None:
        messages.info(request, BAD_LINK)
        return redirect(_step_url(new_session(), 1))
    if len(state.answers) < SESSION_SIZE:
        return redirect(_step_url(state, len(state.answers) + 1))
    training = default_training()
    ids = draw_session(training, seed=state.seed)
    result = score_session(training, ids, dict(zip(ids, state.answers, strict=True)))
    return render(
        request,
        "phishing/training_result.html",
        {
            "result": result,
            "examples": {i: training.example(i) for i in ids},
            "restart_url": _step_url(new_session(), 1),
        },
    )
