"""Login limits and single-use TOTP codes hold across processes, and a person can go from one
app server to the other.

`make run` starts two gunicorn workers. Counters kept in one process's memory would let
10 wrong passwords through instead of 5, and accept one TOTP code in two sessions. Here two
real gunicorn processes share one database and the requests alternate between them, so each
process sees only half of the attempts. Twice: as `make run` does (one SQLite file, the cache in
a table of it) and as a hosted deployment does (two app servers on two ports, one PostgreSQL,
one Redis). The second needs the PostgreSQL and Redis this machine kind runs; without them it
is skipped, except where CYBERDENT_REQUIRE_SERVICES=1 (set by .ci/run) makes it fail.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.accounts.totp import totp_code

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "un mot de passe solide 2026"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TOO_MANY = "Trop de tentatives"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

MAKE_USERS = f"""
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
User = get_user_model()
for email in ("cible@lilas.test", "totp@lilas.test"):
    user = User.objects.create_user(username=email, email=email, password={PASSWORD!r})
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
TOTP.activate(User.objects.get(email="totp@lilas.test"), {SECRET!r})
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/"


def _env(data_dir: Path, services: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CYBERDENT_", "DATABASE_"))}
    env.update(services or {})
    return {**env, "CYBERDENT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT / "src")}


def _hosted_services(name: str) -> Iterator[dict[str, str]]:
    """A fresh PostgreSQL database and a Redis database number for this module, then dropped."""
    try:
        import psycopg
        import redis

        admin = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3)
        redis.Redis.from_url(REDIS + "0", socket_connect_timeout=3).ping()
    except Exception as error:  # any missing service
        if os.environ.get("CYBERDENT_REQUIRE_SERVICES") == "1":
            pytest.fail(f"PostgreSQL and Redis are required here: {error}")
        pytest.skip(f"PostgreSQL or Redis not reachable: {error}")
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    number = 9 + os.getpid() % 6  # away from 0, the default a developer may use
    client = redis.Redis.from_url(f"{REDIS}{number}")
    client.flushdb()
    try:
        yield {"DATABASE_URL": f"{POSTGRES}/{name}", "CYBERDENT_CACHE_URL": f"{REDIS}{number}"}
    finally:
        client.flushdb()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {server.stderr.read()!r}")  # type: ignore[union-attr]
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()  # noqa: S310 (loopback)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


MANAGE = [sys.executable, str(ROOT / "manage.py")]


@pytest.fixture(scope="module", params=["make-run", "hosted"])
def setup_env(request: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment of both app servers: `make run`'s defaults, or PostgreSQL + Redis."""
    data_dir = tmp_path_factory.mktemp("two-servers")
    if request.param == "make-run":
        yield _env(data_dir)
    else:
        for services in _hosted_services(f"cyberdent_two_servers_{os.getpid()}"):
            yield _env(data_dir, services)


@pytest.fixture
def clear_cache(setup_env: dict[str, str], two_servers: list[str]) -> None:
    """Each test starts with no counters (every attempt here comes from 127.0.0.1)."""
    code = "from django.core.cache import cache; cache.clear()"
    subprocess.run([*MANAGE, "shell", "-c", code], env=setup_env, cwd=ROOT, check=True)


@pytest.fixture(scope="module")
def two_servers(setup_env: dict[str, str]) -> Iterator[list[str]]:
    """Two gunicorn processes on one fresh database: their base URLs."""
    env = setup_env
    manage = MANAGE
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, cwd=ROOT, check=True, timeout=180)
    subprocess.run([*manage, "shell", "-c", MAKE_USERS], env=env, cwd=ROOT, check=True, timeout=60)
    servers, bases = [], []
    for _ in range(2):
        port = _free_port()
        command = [str(BIN / "gunicorn"), "cyberdent.config.wsgi:application"]
        servers.append(
            subprocess.Popen(
                [*command, "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base, server in zip(bases, servers, strict=True):
            _wait_until_up(base, server)
        yield bases
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


# One site name for both processes, as behind `make run` (two workers, one port) or a proxy:
# allauth keys the per-account limit on the site's host name.
HOST = "localhost"


class Browser:
    """One person's browser: its own cookies, following redirects."""

    def __init__(self) -> None:
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def _open(self, url: str, body: bytes | None = None) -> Any:
        request = urllib.request.Request(url, body, headers={"Host": HOST})  # noqa: S310
        return self.opener.open(request, timeout=30)

    def get(self, url: str) -> str:
        with self._open(url) as response:
            return str(response.read().decode())

    def post_form(self, url: str, fields: dict[str, str]) -> tuple[str, str]:
        """Fetch the form (its CSRF token), post it; the final URL and page."""
        token = CSRF.search(self.get(url))
        assert token, f"no CSRF token on {url}"
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token.group(1)})
        try:
            with self._open(url, body.encode()) as response:
                return response.geturl(), str(response.read().decode())
        except urllib.error.HTTPError as error:  # e.g. 429: the page still says why
            return url, str(error.read().decode())


@pytest.mark.usefixtures("clear_cache")
def test_five_wrong_passwords_then_refusals_across_two_processes(two_servers: list[str]) -> None:
    refused = 0
    for attempt in range(10):
        base = two_servers[attempt % 2]
        _, page = Browser().post_form(
            base + "/comptes/login/", {"login": "cible@lilas.test", "password": "pas le bon"}
        )
        refused += TOO_MANY in page
    assert refused == 5


@pytest.mark.usefixtures("clear_cache")
def test_a_totp_code_is_accepted_once_across_two_processes(two_servers: list[str]) -> None:
    # Far from a 30-second boundary, so both sessions see the same current code.
    while int(time.time()) % 30 > 20:
        time.sleep(1)
    code = totp_code(SECRET)
    outcomes = []
    for base in two_servers:
        browser = Browser()
        url, _ = browser.post_form(
            base + "/comptes/login/", {"login": "totp@lilas.test", "password": PASSWORD}
        )
        assert url.endswith("/comptes/2fa/authenticate/"), url
        url, _ = browser.post_form(url, {"code": code})
        outcomes.append(not url.endswith("/comptes/2fa/authenticate/"))
    assert outcomes == [True, False]


@pytest.mark.usefixtures("clear_cache")
def test_signed_in_on_one_server_acting_on_the_other(two_servers: list[str]) -> None:
    """Sessions and CSRF tokens hold on both servers; a write on one is read on the other."""
    while int(time.time()) % 30 > 20:  # one code for the whole sign-in
        time.sleep(1)
    first, second = two_servers
    browser = Browser()
    url, _ = browser.post_form(
        first + "/comptes/login/", {"login": "totp@lilas.test", "password": PASSWORD}
    )
    assert url.endswith("/comptes/2fa/authenticate/"), url
    # The code page fetched from the second server: the half-done login is in the shared session.
    url, _ = browser.post_form(second + "/comptes/2fa/authenticate/", {"code": totp_code(SECRET)})
    assert not url.endswith("/comptes/2fa/authenticate/"), url
    # A form drawn on one server, posted to the other: a practice created on the second...
    token = CSRF.search(browser.get(first + "/espace/nouveau/"))
    assert token
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "name": "Cabinet des Deux Serveurs",
            "department": "34",
            "team_size": "3",
        }
    ).encode()
    with browser._open(second + "/espace/nouveau/", body) as response:
        created = response.geturl()
    assert "/cabinet/" in created, created
    # ...is read on the first.
    assert "Cabinet des Deux Serveurs" in browser.get(first + "/espace/")
