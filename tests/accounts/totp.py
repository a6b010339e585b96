"""RFC 6238 codes computed by the tests themselves, as a phone app would, from the secret key
shown on the activation page."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

SECRET_ON_PAGE = re.compile(r'id="authenticator_secret">([A-Z2-7=]+)<')


def secret_from_page(html: str) -> str:
    match = SECRET_ON_PAGE.search(html)
    assert match, "the activation page shows no secret key"
    return match.group(1)


def totp_code(secret: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    counter = int((time.time() if at is None else at) // step)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"
