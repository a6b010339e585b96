"""Isolation: every URL of the project is checked against every persona.

The URL patterns are enumerated from the resolver, so a new URL without a spec fails
`test_every_url_has_an_isolation_spec`. Practice URLs (under /cabinet/<practice_id>/) must go
through the access helper with the permission their spec declares; a stranger (owner of
practice B) gets 404, a role without the permission gets 403, an anonymous visitor is sent to
log in, and an object of practice B forged into practice A's URL gives 404.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from cyberdent.domain.roles import Role, allows
from tests.conftest import Personas
from tests.isolation import PracticeUrl, PublicUrl, StaffUrl

ALLAUTH_PREFIX = "allauth."


def _spec_modules() -> list[Any]:
    modules = []
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                modules.append(importlib.import_module(f"tests.{info.name}.isolation_specs"))
            except ModuleNotFoundError as exc:
                if exc.name != f"tests.{info.name}.isolation_specs":
                    raise
    return modules


MODULES = _spec_modules()
PRACTICE_SPECS: list[PracticeUrl] = [s for m in MODULES for s in getattr(m, "SPECS", [])]
PUBLIC_SPECS: list[PublicUrl] = [s for m in MODULES for s in getattr(m, "PUBLIC", [])]
STAFF_SPECS: list[StaffUrl] = [s for m in MODULES for s in getattr(m, "STAFF", [])]


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    callback: Any


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield Route(name or "", prefix + str(pattern.pattern), pattern.callback)


ROUTES = list(_walk(get_resolver().url_patterns))


def _is_allauth(route: Route) -> bool:
    return getattr(route.callback, "__module__", "").startswith(ALLAUTH_PREFIX)


def test_every_url_has_an_isolation_spec() -> None:
    covered = (
        {s.name for s in PRACTICE_SPECS}
        | {s.name for s in PUBLIC_SPECS}
        | {s.name for s in STAFF_SPECS}
    )
    missing = [
        f"{r.name or '(unnamed)'} {r.route}"
        for r in ROUTES
        if r.name not in covered and not _is_allauth(r)
    ]
    assert missing == [], "URLs without an isolation spec: " + ", ".join(missing)


def test_every_practice_url_is_declared_as_such_and_uses_the_access_helper() -> None:
    practice_routes = {r.name: r for r in ROUTES if "<id:practice_id>" in r.route}
    declared = {s.name for s in PRACTICE_SPECS}
    assert set(practice_routes) == declared
    for spec in PRACTICE_SPECS:
        callback = practice_routes[spec.name].callback
        assert getattr(callback, "required_permission", None) == spec.permission, spec.name


@dataclass
class World:
    personas: Personas
    objects_a: dict[str, int]
    objects_b: dict[str, int]


@pytest.fixture
def world(personas: Personas) -> World:
    objects_a: dict[str, int] = {}
    objects_b: dict[str, int] = {}
    for module in MODULES:
        build = getattr(module, "build_objects", None)
        if build is not None:
            objects_a.update(build(personas.practice_a, personas.owner_a))
            objects_b.update(build(personas.practice_b, personas.owner_b))
    return World(personas, objects_a, objects_b)


def _url(spec: PracticeUrl, practice_id: int, objects: dict[str, int]) -> str:
    kwargs = {"practice_id": practice_id, **{name: objects[name] for name in spec.objects}}
    return reverse(spec.name, kwargs=kwargs)


def _response(client: Client, method: str, url: str) -> Any:
    return client.get(url) if method == "GET" else client.post(url, {})


def _call(client: Client, method: str, url: str) -> int:
    return int(_response(client, method, url).status_code)


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("spec", PRACTICE_SPECS, ids=lambda s: s.name)
def test_anonymous_is_sent_to_log_in(spec: PracticeUrl, world: World) -> None:
    url = _url(spec, world.personas.practice_a.pk, world.objects_a)
    for method in spec.methods:
        response = Client().get(url) if method == "GET" else Client().post(url, {})
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith("/comptes/login/"), (method, url)


@pytest.mark.parametrize("spec", PRACTICE_SPECS, ids=lambda s: s.name)
def test_a_stranger_gets_404(spec: PracticeUrl, world: World) -> None:
    stranger = _as(world.personas.owner_b)
    url = _url(spec, world.personas.practice_a.pk, world.objects_a)
    for method in spec.methods:
        assert _call(stranger, method, url) == 404, (method, url)


@pytest.mark.parametrize("spec", [s for s in PRACTICE_SPECS if s.objects], ids=lambda s: s.name)
def test_an_object_of_another_practice_gets_404(spec: PracticeUrl, world: World) -> None:
    owner = _as(world.personas.owner_a)
    forged = _url(spec, world.personas.practice_a.pk, world.objects_b)
    for method in spec.methods:
        assert _call(owner, method, forged) == 404, (method, forged)


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("spec", PRACTICE_SPECS, ids=lambda s: s.name)
def test_each_role_of_the_practice_gets_what_its_role_allows(
    spec: PracticeUrl, role: Role, world: World
) -> None:
    user = {
        Role.OWNER: world.personas.owner_a,
        Role.MEMBER: world.personas.member_a,
        Role.IT_PROVIDER: world.personas.provider_a,
    }[role]
    client = _as(user)
    url = _url(spec, world.personas.practice_a.pk, world.objects_a)
    for method in spec.methods:
        response = _response(client, method, url)
        status = response.status_code
        # A reception computer is shared: nothing of the practice stays in its cache.
        assert "no-store" in response.get("Cache-Control", ""), (role, method, url)
        if allows(role, spec.permission):
            assert status not in (403, 404, 500), (role, method, url, status)
        else:
            assert status == 403, (role, method, url, status)


HUGE_IDS = (2**63, 2**63 - 1, 2**64, 10**30)


@pytest.mark.parametrize("spec", PRACTICE_SPECS, ids=lambda s: s.name)
def test_out_of_range_ids_get_404(spec: PracticeUrl, world: World) -> None:
    """Ids past what the database holds (64-bit) are a 404, not an OverflowError 500."""
    owner = _as(world.personas.owner_a)
    practice_a = world.personas.practice_a.pk
    marker = 987654321  # reversed, then replaced: a 20-digit id does not even reverse
    objects = {name: marker for name in spec.objects}
    templates = [_url(spec, marker, world.objects_a)]
    if objects:  # the practice is right, the object id is huge
        templates.append(_url(spec, practice_a, objects))
    for huge in HUGE_IDS:
        for url in (t.replace(str(marker), str(huge)) for t in templates):
            for method in spec.methods:
                assert _call(owner, method, url) == 404, (method, url)


@pytest.mark.parametrize("spec", PUBLIC_SPECS, ids=lambda s: s.name)
def test_public_urls_never_show_another_practice(spec: PublicUrl, world: World) -> None:
    url = reverse(spec.name, kwargs=dict(spec.kwargs))
    anonymous = Client().get(url)
    if spec.private:
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith("/comptes/login/")
    else:
        assert anonymous.status_code in (200, 302, 404, 410), anonymous.status_code
    stranger = _as(world.personas.owner_b).get(url)
    assert stranger.status_code < 500
    body = stranger.content.decode(errors="replace")
    assert world.personas.practice_a.name not in body
    assert world.personas.owner_a.email not in body


def test_allauth_pages_never_show_another_persons_account(world: World) -> None:
    stranger = _as(world.personas.owner_b)
    for route in ROUTES:
        if not _is_allauth(route) or "<" in route.route:
            continue
        response = stranger.get("/" + route.route.lstrip("^").rstrip("$"))
        assert response.status_code < 500, route.route
        body = response.content.decode(errors="replace")
        for other in (world.personas.owner_a, world.personas.member_a, world.personas.provider_a):
            assert other.email not in body, route.route


def _staff_call(client: Client, spec: StaffUrl, method: str) -> Any:
    url = reverse(spec.name)
    if method == "GET":
        return client.get(url + (f"?{spec.query}" if spec.query else ""))
    return client.post(url, dict(spec.post))


@pytest.mark.parametrize("spec", STAFF_SPECS, ids=lambda s: s.name)
def test_union_pages_are_for_union_staff_only(spec: StaffUrl, world: World) -> None:
    """Anonymous → log in; every practice persona → 403; staff without 2FA → set it up; staff
    with 2FA → the page, which never names a practice or a person."""
    from tests.conftest import make_union_staff

    p = world.personas
    staff_without_mfa = make_union_staff("sans-2fa@urps.test", mfa=False)
    for method in spec.methods:
        anonymous = _staff_call(Client(), spec, method)
        assert anonymous.status_code == 302, (method, spec.name)
        assert anonymous["Location"].startswith("/comptes/login/"), (method, spec.name)
        for user in (p.owner_a, p.member_a, p.provider_a, p.owner_b):
            assert _staff_call(_as(user), spec, method).status_code == 403, (method, user)
        unprotected = _staff_call(_as(staff_without_mfa), spec, method)
        assert unprotected.status_code == 302, (method, spec.name)
        assert unprotected["Location"].startswith("/comptes/2fa/"), (method, spec.name)
        response = _staff_call(_as(p.union_staff), spec, method)
        assert response.status_code in (200, 302), (method, spec.name, response.status_code)
        assert "no-store" in response.get("Cache-Control", ""), (method, spec.name)
        body = response.content.decode(errors="replace")
        for secret in (p.practice_a.name, p.practice_b.name, p.owner_a.email, p.owner_b.email):
            assert secret not in body, (method, spec.name, secret)
