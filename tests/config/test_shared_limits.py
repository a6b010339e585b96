"""Login limits and single-use TOTP codes hold across processes with the default settings.

`make run` starts two gunicorn workers. Counters kept in one process's memory would let
10 wrong passwords through instead of 5, and accept one TOTP code in two sessions. Here two
real gunicorn processes share one SQLite database (the default: no CYBERDENT_CACHE_URL), and
the requests alternate between them, so each process sees only half of the attempts.
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


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CYBERDENT_", "DATABASE_"))}
    return {**env, "CYBERDENT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT / "src")}


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


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("two-servers")


@pytest.fixture
def clear_cache(data_dir: Path) -> None:
    """Each test starts with no counters (every attempt here comes from 127.0.0.1)."""
    code = "from django.core.cache import cache; cache.clear()"
    subprocess.run([*MANAGE, "shell", "-c", code], env=_env(data_dir), cwd=ROOT, check=True)


@pytest.fixture(scope="module")
def two_servers(data_dir: Path) -> Iterator[list[str]]:
    """Two gunicorn processes on one fresh database: their base URLs."""
    env = _env(data_dir)
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
