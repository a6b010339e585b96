"""Anonymous answers travel in a signed token: nothing is stored on the server."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone

from cyberdent.domain.answers import Answers, parse_answers
from cyberdent.domain.errors import AnswersError
from cyberdent.domain.referential_models import Referential

SALT = "cyberdent.diagnostic.answers"


class InvalidToken(Exception):
    """The token was tampered with, truncated, or holds answers that no longer fit."""


def encode_answers(ref: Referential, answers: Answers, *, at: dt.datetime | None = None) -> str:
    """The answers, when they were given ("t") and an id of this result ("n"), so that a result
    is saved at most once per practice and dated by its answers, not by its saving."""
    payload = {
        "ref": ref.id,
        "a": answers.as_dict(),
        "t": (at or timezone.now()).isoformat(),
        "n": secrets.token_hex(16),
    }
    return signing.dumps(payload, salt=SALT, compress=True)


@dataclass(frozen=True)
class DecodedResult:
    answers: Answers
    answered_at: dt.datetime | None  # None for a link made before the time was kept
    result_id: str


def decode_result(ref: Referential, token: str) -> DecodedResult:
    answers = decode_answers(ref, token)
    payload = signing.loads(token, salt=SALT)  # already checked by decode_answers
    answered_at = None
    raw_time = payload.get("t")
    if isinstance(raw_time, str):
        try:
            answered_at = dt.datetime.fromisoformat(raw_time)
        except ValueError:
            raise InvalidToken("bad time") from None
        if answered_at.tzinfo is None:
            raise InvalidToken("naive time")
    nonce = payload.get("n")
    # Older links carry no id: the link itself identifies the result.
    result_id = nonce if isinstance(nonce, str) and nonce else _digest(token)
    return DecodedResult(answers=answers, answered_at=answered_at, result_id=result_id[:64])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def decode_answers(ref: Referential, token: str) -> Answers:
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature as exc:
        raise InvalidToken("bad signature") from exc
    if not isinstance(payload, dict) or payload.get("ref") != ref.id:
        raise InvalidToken("not a token of this référentiel")
    raw = payload.get("a")
    if not isinstance(raw, dict):
        raise InvalidToken("no answers")
    try:
        return parse_answers(ref, raw)
    except AnswersError as exc:
        raise InvalidToken(str(exc)) from exc
