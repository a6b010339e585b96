"""« Entraînement hameçonnage »: 10 messages, one per page, an answer, then every clue pointed at
in the message itself; a score at the end. The session lives in the page's address (a signed
token, like the diagnostic's result). Without an account nothing is stored; in the practice
space the finished session (date, score) is recorded for the team register. Every POST ends in
a redirect."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from cyberdent.domain.roles import Permission, allows
from cyberdent.domain.training.loader import default_training
from cyberdent.domain.training.session import (
    ANSWER_LABELS,
    SESSION_SIZE,
    Answer,
    draw_session,
    score_session,
)
from cyberdent.phishing.presenters import message_view
from cyberdent.phishing.selectors import training_register, training_sessions_of
from cyberdent.phishing.services import training_session_record
from cyberdent.phishing.tokens import BadToken, SessionState, new_session, read_token
from cyberdent.practices.access import PracticeAccess, practice_view

BAD_LINK = "Ce lien d’entraînement est abîmé ou incomplet\u202f: une nouvelle série commence."


@dataclass(frozen=True)
class Flow:
    """Where the pages of one session live: without an account, or in a practice's space."""

    access: PracticeAccess | None = None

    def _kwargs(self, **extra: Any) -> dict[str, Any]:
        if self.access is None:
            return extra
        return {"practice_id": self.access.practice.pk, **extra}

    def _name(self, name: str) -> str:
        return f"phishing:{'practice_' if self.access else ''}{name}"

    def home_url(self) -> str:
        return reverse(self._name("training"), kwargs=self._kwargs())

    def step_url(self, state: SessionState, number: int) -> str:
        return (
            f"{self.post_url(number)}{'&' if self.access else '?'}{urlencode({'t': state.token()})}"
        )

    def post_url(self, number: int) -> str:
        # In a practice the message's number is a query parameter: every practice URL has the
        # practice as its only path argument (the isolation test's habit).
        if self.access is None:
            return reverse(self._name("training_step"), kwargs={"number": number})
        return f"{reverse(self._name('training_step'), kwargs=self._kwargs())}?n={number}"

    def result_url(self, state: SessionState) -> str:
        url = reverse(self._name("training_result"), kwargs=self._kwargs())
        return f"{url}?{urlencode({'t': state.token()})}"


def _state(request: HttpRequest) -> SessionState | None:
    token = (request.POST if request.method == "POST" else request.GET).get("t", "")
    try:
        return read_token(token)
    except BadToken:
        return None


def _home(request: HttpRequest, flow: Flow, extra: dict[str, Any]) -> HttpResponse:
    training = default_training()
    return render(
        request,
        "phishing/training_home.html",
        {
            "start_url": flow.step_url(new_session(), 1),
            "size": SESSION_SIZE,
            "kinds": training.kinds,
            "access": flow.access,
            "practice": flow.access.practice if flow.access else None,
            **extra,
        },
    )


def _record(request: HttpRequest, flow: Flow, state: SessionState) -> None:
    """The last answer of a practice member's session: record the date and the score."""
    if flow.access is None or len(state.answers) != SESSION_SIZE:
        return
    training = default_training()
    ids = draw_session(training, seed=state.seed)
    result = score_session(training, ids, dict(zip(ids, state.answers, strict=True)))
    training_session_record(
        practice=flow.access.practice,
        user=request.user,
        seed=state.seed,
        training=training,
        result=result,
    )


def _step(request: HttpRequest, flow: Flow, number: int) -> HttpResponse:
    state = _state(request)
    if state is None or len(state.answers) > SESSION_SIZE:
        messages.info(request, BAD_LINK)
        return redirect(flow.step_url(new_session(), 1))
    current = len(state.answers) + 1  # the message waiting for an answer
    if not 1 <= number <= SESSION_SIZE or number > current:
        return redirect(flow.step_url(state, min(current, SESSION_SIZE)))
    training = default_training()
    ids = draw_session(training, seed=state.seed)
    example = training.example(ids[number - 1])
    if request.method == "POST":
        raw = request.POST.get("reponse", "")
        if number == current and raw in {a.value for a in Answer}:
            state = state.answered(Answer(raw))
            _record(request, flow, state)
        elif number == current:
            messages.error(
                request, "Choisissez une réponse\u202f: Arnaque, Légitime ou Je ne sais pas."
            )
        # An answer already given (Back, a second tap) stays as it was.
        return redirect(flow.step_url(state, number) + "#correction")
    answered = number < current
    context: dict[str, Any] = {
        "number": number,
        "size": SESSION_SIZE,
        "token": state.token(),
        "answered": answered,
        "labels": ANSWER_LABELS,
        "answers": list(Answer),
        "post_url": flow.post_url(number),
        "home_url": flow.home_url(),
        **message_view(example, with_clues=answered),
    }
    if answered:
        given = state.answers[number - 1]
        outcome = score_session(training, [example.id], {example.id: given}).outcomes[0]
        last = number == SESSION_SIZE
        context.update(
            {
                "given": ANSWER_LABELS[given],
                "outcome": outcome.outcome.value,
                "reflexes": [training.reflex(r) for r in example.reflexes],
                "next_url": flow.result_url(state) if last else flow.step_url(state, number + 1),
            }
        )
    return render(request, "phishing/training_step.html", context)


def _result(request: HttpRequest, flow: Flow) -> HttpResponse:
    state = _state(request)
    if state is None:
        messages.info(request, BAD_LINK)
        return redirect(flow.step_url(new_session(), 1))
    if len(state.answers) < SESSION_SIZE:
        return redirect(flow.step_url(state, len(state.answers) + 1))
    training = default_training()
    ids = draw_session(training, seed=state.seed)
    result = score_session(training, ids, dict(zip(ids, state.answers, strict=True)))
    return render(
        request,
        "phishing/training_result.html",
        {
            "result": result,
            "restart_url": flow.step_url(new_session(), 1),
            "home_url": flow.home_url(),
            "recorded": flow.access is not None,
        },
    )


# --- Without an account ----------------------------------------------------------------------


@require_safe
def training_home(request: HttpRequest) -> HttpResponse:
    return _home(request, Flow(), {})


@require_http_methods(["GET", "HEAD", "POST"])
def training_step(request: HttpRequest, number: int) -> HttpResponse:
    return _step(request, Flow(), number)


@require_safe
def training_result(request: HttpRequest) -> HttpResponse:
    return _result(request, Flow())


# --- In the practice space: the session is recorded -----------------------------------------


@require_safe
@practice_view(Permission.VIEW)
def practice_training_home(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    return _home(
        request,
        Flow(access),
        {
            "own_sessions": training_sessions_of(practice=access.practice, user=request.user),
            "can_see_register": allows(access.role, Permission.MANAGE_TEAM),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@practice_view(Permission.VIEW)
def practice_training_step(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    raw = request.GET.get("n", "1")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 4 else 1
    return _step(request, Flow(access), number)


@require_safe
@practice_view(Permission.VIEW)
def practice_training_result(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    return _result(request, Flow(access))


@require_safe
@practice_view(Permission.MANAGE_TEAM)
def practice_training_register(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    return render(
        request,
        "phishing/training_register.html",
        {
            "access": access,
            "practice": access.practice,
            "register": training_register(practice=access.practice),
        },
    )
