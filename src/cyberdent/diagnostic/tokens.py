"""Anonymous answers travel in a signed token: nothing is stored on the server."""

from __future__ import annotations

from django.core import signing

from cyberdent.domain.answers import Answers, parse_answers
from cyberdent.domain.errors import AnswersError
from cyberdent.domain.referential_models import Referential

SALT = "cyberdent.diagnostic.answers"


class InvalidToken(Exception):
    """The token was tampered with, truncated, or holds answers that no longer fit."""


def encode_answers(ref: Referential, answers: Answers) -> str:
    return signing.dumps({"ref": ref.id, "a": answers.as_dict()}, salt=SALT, compress=True)


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
