"""The state of a training session, carried in the page's address (signed), never stored:
the seed that drew its 10 messages and the answers given so far (one letter each)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing

from cyberdent.domain.training.session import Answer

_SALT = "cyberdent.phishing.training"
_LETTERS = {Answer.SCAM: "s", Answer.LEGIT: "l", Answer.UNKNOWN: "u"}
_ANSWERS = {letter: answer for answer, letter in _LETTERS.items()}


class BadToken(ValueError):
    pass


@dataclass(frozen=True)
class SessionState:
    seed: int
    answers: tuple[Answer, ...] = ()

    def answered(self, answer: Answer) -> SessionState:
        return SessionState(self.seed, (*self.answers, answer))

    def token(self) -> str:
        letters = "".join(_LETTERS[a] for a in self.answers)
        return signing.dumps({"s": self.seed, "a": letters}, salt=_SALT, compress=True)


def new_session() -> SessionState:
    return SessionState(secrets.randbelow(2**31))


def read_token(token: str) -> SessionState:
    try:
        payload = signing.loads(token, salt=_SALT)
        seed, letters = int(payload["s"]), str(payload["a"])
        return SessionState(seed, tuple(_ANSWERS[letter] for letter in letters))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise BadToken(str(exc)) from None
