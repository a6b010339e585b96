"""Shared fixtures: the real référentiel and quick answer builders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from cyberdent.domain.answers import Answers, parse_answers
from cyberdent.domain.loader import default_referential
from cyberdent.domain.referential_models import Referential

QUESTION_IDS = (
    "passwords",
    "mfa",
    "backups",
    "wifi_separation",
    "updates",
    "phishing_training",
    "auto_lock",
    "data_transfer",
    "hds_hosting",
    "physical_access",
    "crisis_protocol",
)


@pytest.fixture(scope="session")
def ref() -> Referential:
    return default_referential()


def all_yes(**overrides: str) -> dict[str, str]:
    """Raw answers: every scored question "yes", with some overridden."""
    raw = dict.fromkeys(QUESTION_IDS, "yes")
    raw.update(overrides)
    return raw


@pytest.fixture
def make_answers(ref: Referential) -> Callable[..., Answers]:
    def make(**overrides: str) -> Answers:
        return parse_answers(ref, all_yes(**overrides))

    return make


# --- Personas for practice pages (healthchecks-style): owner, member, IT provider of practice A,
# and the owner of practice B, a stranger to A.


@dataclass
class Personas:
    practice_a: Any
    practice_b: Any
    owner_a: Any
    member_a: Any
    provider_a: Any
    owner_b: Any
    # Union staff (URPS), with two-factor authentication; not a member of any practice.
    union_staff: Any


def make_user(email: str, password: str = "un mot de passe solide 2026") -> Any:
    """A user with a verified email address, as after sign-up and confirmation."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def personas(db: None) -> Personas:
    from cyberdent.practices.models import Membership, Practice

    practice_a = Practice.objects.create(name="Cabinet des Lilas", department="34", team_size=4)
    practice_b = Practice.objects.create(name="Cabinet du Port", department="13", team_size=2)
    owner_a = make_user("titulaire@lilas.test")
    member_a = make_user("assistante@lilas.test")
    provider_a = make_user("prestataire@info.test")
    owner_b = make_user("titulaire@port.test")
    Membership.objects.create(practice=practice_a, user=owner_a, role="owner")
    Membership.objects.create(practice=practice_a, user=member_a, role="member")
    Membership.objects.create(practice=practice_a, user=provider_a, role="it_provider")
    Membership.objects.create(practice=practice_b, user=owner_b, role="owner")
    return Personas(
        practice_a, practice_b, owner_a, member_a, provider_a, owner_b, make_union_staff()
    )


STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def make_union_staff(email: str = "observatoire@urps.test", *, mfa: bool = True) -> Any:
    """A person of the union's staff, as `cyberdent observatory staff add` makes one, with a
    password and (by default) TOTP set up."""
    from allauth.mfa.totp.internal.auth import TOTP

    from cyberdent.observatory.models import StaffMember

    user = make_user(email)
    StaffMember.objects.create(user=user)
    if mfa:
        TOTP.activate(user, STAFF_TOTP_SECRET)
    return user


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that create users use a fast hasher instead.
    (tests/accounts checks the production hasher list from the settings module itself.)"""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The threaded phone-browser fixture, shared by the practice-space browser tests.
from tests.browser.threaded import in_phone_browser  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> None:
    """Each test starts without what an earlier one left in this process's caches: the page
    fragments (web/fragments), the reversed addresses and the regional figures' generation."""
    from cyberdent.observatory.selectors import forget_generation
    from cyberdent.web.templatetags import fragments, urls_once

    fragments.clear()
    urls_once.clear()  # addresses reversed once per process, which a test's URLconf may change
    forget_generation()  # the regional figures' generation, kept a second per process


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request: pytest.FixtureRequest) -> None:
    """Rate-limit counters live in the cache, a database table by default (shared by every
    worker); user ids repeat across tests, so tests that use the database start with it empty.
    (A test transaction rolls it back anyway; transactional tests do not flush it.)"""
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in names or (marker is not None and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif "db" in names or marker is not None:
        request.getfixturevalue("db")
    else:
        return
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _flush_may_purge_evidence() -> Iterator[None]:
    """Transactional tests end with a flush (DELETE on SQLite, TRUNCATE on PostgreSQL), which the
    incident evidence triggers refuse like any other purge: allow it there, and only there."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from cyberdent.incidents.evidence import evidence_purge_allowed

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: Any, sql_list: list[str]) -> None:
        with evidence_purge_allowed(using=self.connection.alias):
            original(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    BaseDatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]
