"""The anonymous incident travels in a signed, compressed token: nothing is stored."""

from __future__ import annotations

from django.core import signing

from cyberdent.domain.incident import (
    IncidentError,
    IncidentRecord,
    record_from_dict,
    record_to_dict,
)
from cyberdent.domain.referential_models import Referential

SALT = "cyberdent.incidents.guide"
MAX_TOKEN_LENGTH = 300_000


class InvalidToken(Exception):
    """The token was tampered with, truncated, or holds an incident that does not fit."""


def encode_record(ref: Referential, record: IncidentRecord) -> str:
    return signing.dumps({"ref": ref.id, "i": record_to_dict(record)}, salt=SALT, compress=True)


def decode_record(ref: Referential, token: str) -> IncidentRecord:
    # A legitimate token stays far below this (the journal is capped in the domain).
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidToken("no token")
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature as exc:
        raise InvalidToken("bad signature") from exc
    if not isinstance(payload, dict) or payload.get("ref") != ref.id:
        raise InvalidToken("not a token of this référentiel")
    raw = payload.get("i")
    if not isinstance(raw, dict):
        raise InvalidToken("no incident")
    try:
        return record_from_dict(raw, [s.id for s in ref.incident.steps])
    except IncidentError as exc:
        raise InvalidToken(str(exc)) from exc
