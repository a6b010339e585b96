"""Failed-login limits: per account and (looser) per IP, and never a lock-out of a person who
has the right password and a valid second factor because of someone else's failures."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from tests.accounts.helpers import PASSWORD, log_in
from tests.accounts.totp import totp_code
from tests.conftest import Personas, make_user

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TOO_MANY = "Trop de tentatives"
CODE_PAGE = "/comptes/2fa/authenticate/"


def attacker() -> Client:
    return Client(REMOTE_ADDR="203.0.113.66")


def exhaust_the_account_limit(email: str) -> None:
    for _ in range(5):
        assert TOO_MANY not in log_in(attacker(), email, "devine 1234").content.decode()
    assert TOO_MANY in log_in(attacker(), email, "devine 1234").content.decode()


def fresh_code() -> str:
    while int(time.time()) % 30 > 25:  # not at the edge of a 30-second window
        time.sleep(1)
    return totp_code(SECRET)


def with_totp(user: Any) -> Any:
    TOTP.activate(user, SECRET)
    return user


def test_with_two_factor_login_others_failures_never_lock_the_person_out(
    personas: Personas,
) -> None:
    owner = with_totp(personas.owner_a)
    exhaust_the_account_limit(owner.email)
    me = Client(REMOTE_ADDR="198.51.100.10")  # the practice's computer
    response = log_in(me, owner.email, PASSWORD)
    assert response.status_code == 302 and response["Location"] == CODE_PAGE
    done = me.post(CODE_PAGE, {"code": fresh_code()})
    assert done.status_code == 302
    assert int(me.session["_auth_user_id"]) == owner.pk


def test_past_the_limit_a_wrong_password_is_still_refused_and_gives_no_hint(
    personas: Personas,
) -> None:
    owner = with_totp(personas.owner_a)
    exhaust_the_account_limit(owner.email)
    response = log_in(attacker(), owner.email, "encore une autre")
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in attacker().session


def test_past_the_limit_the_code_page_keeps_its_own_limit(personas: Personas) -> None:
    owner = with_totp(personas.owner_a)
    exhaust_the_account_limit(owner.email)
    thief = attacker()  # knows the password, not the code
    assert log_in(thief, owner.email, PASSWORD)["Location"] == CODE_PAGE
    pages = [thief.post(CODE_PAGE, {"code": "000000"}).content.decode() for _ in range(6)]
    assert TOO_MANY in pages[-1]
    assert "_auth_user_id" not in thief.session


def test_without_two_factor_login_the_account_limit_holds(personas: Personas) -> None:
    exhaust_the_account_limit(personas.member_a.email)
    refused = log_in(Client(REMOTE_ADDR="198.51.100.10"), personas.member_a.email, PASSWORD)
    assert TOO_MANY in refused.content.decode()


def test_a_few_slips_in_the_practice_do_not_lock_everyone_out(personas: Personas) -> None:
    """Five people of one practice (one public IP) each mistype once: the sixth logs in."""
    practice_ip = "198.51.100.10"
    for n in range(5):
        user = make_user(f"collegue{n}@lilas.test")
        assert (
            log_in(Client(REMOTE_ADDR=practice_ip), user.email, "faute de frappe").status_code
            == 200
        )
    response = log_in(Client(REMOTE_ADDR=practice_ip), personas.member_a.email, PASSWORD)
    assert response.status_code == 302


def test_many_failures_from_one_ip_are_still_limited(personas: Personas) -> None:
    for n in range(10):
        log_in(attacker(), f"inconnu{n}@lilas.test", "devine 1234")
    refused = log_in(attacker(), personas.member_a.email, PASSWORD)
    assert TOO_MANY in refused.content.decode()
