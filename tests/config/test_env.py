"""Settings helpers fail loudly; the local secret key is made once and kept private."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cyberdent.config.env import (
    ConfigError,
    check_secret_key,
    envbool,
    envint,
    envsecret,
    local_secret_key,
)


def test_envbool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "yes")
    assert envbool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "0")
    assert envbool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "peut-être")
    with pytest.raises(ConfigError, match="X_FLAG"):
        envbool("X_FLAG", False)
    monkeypatch.delenv("X_FLAG")
    assert envbool("X_FLAG", True) is True


def test_envint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_NUM", "12")
    assert envint("X_NUM", 1) == 12
    monkeypatch.setenv("X_NUM", "douze")
    with pytest.raises(ConfigError, match="X_NUM"):
        envint("X_NUM", 1)


def test_envsecret_from_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "s"
    secret.write_text("s3cret\n", encoding="utf-8")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert envsecret("X_SECRET") == "s3cret"
    monkeypatch.setenv("X_SECRET", "other")
    with pytest.raises(ConfigError, match="not both"):
        envsecret("X_SECRET")


def test_local_secret_key_is_generated_once_with_mode_600(tmp_path: Path) -> None:
    first = local_secret_key(tmp_path / "var")
    key_file = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert local_secret_key(tmp_path / "var") == first
    assert len(first) >= 50


def _clean_environ() -> dict[str, str]:
    # The browser tests' async-unsafe switch must not leak into a production check.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**_clean_environ(), **env},
        cwd=Path(__file__).resolve().parents[2],
    )


STRONG_KEY = "k" * 20 + "-Zx9$q!Lm2#pR7@wT4&vB8^nC1*dF6%hJ3"


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("Zx9$q!Lm2#pR7@wT4&vB8^nC1*dF6%hJ3", "too short"),
        ("k" * 60, "placeholder or a repeated pattern"),
        ("motdepasse" * 6, "placeholder or a repeated pattern"),
        ("django-insecure-" + "a1b2c3d4e5" * 5, "placeholder or a repeated pattern"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "too little randomness"),
        ("abcd" * 13 + "X", "too little randomness"),
    ],
)
def test_production_refuses_a_weak_secret_key(tmp_path: Path, key: str, reason: str) -> None:
    env = {
        "CYBERDENT_PRODUCTION": "true",
        "CYBERDENT_SECRET_KEY": key,
        "CYBERDENT_DATA_DIR": str(tmp_path),
    }
    done = _manage(env, "check")
    assert done.returncode != 0
    assert reason in done.stderr
    assert "secrets.token_urlsafe(50)" in done.stderr  # says how to make a good one
    assert key not in done.stderr  # and never prints the key


@pytest.mark.parametrize("make", [lambda: secrets.token_urlsafe(50), lambda: secrets.token_hex(32)])
def test_generated_keys_pass(make: Any) -> None:
    check_secret_key("CYBERDENT_SECRET_KEY", make())


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    env = {
        "CYBERDENT_PRODUCTION": "true",
        "CYBERDENT_SECRET_KEY": STRONG_KEY,
        "CYBERDENT_ALLOWED_HOSTS": "cyberdent.example",
        "CYBERDENT_DATA_DIR": str(tmp_path),
    }
    done = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    done = _manage({"CYBERDENT_PRODUCTION": "true", "CYBERDENT_DATA_DIR": str(tmp_path)}, "check")
    assert done.returncode != 0
    assert "CYBERDENT_SECRET_KEY" in done.stderr


def test_production_requires_mandatory_email_verification(tmp_path: Path) -> None:
    env = {
        "CYBERDENT_PRODUCTION": "true",
        "CYBERDENT_SECRET_KEY": STRONG_KEY,
        "CYBERDENT_DATA_DIR": str(tmp_path),
        "CYBERDENT_EMAIL_VERIFICATION": "none",
    }
    done = _manage(env, "check")
    assert done.returncode != 0
    assert "CYBERDENT_EMAIL_VERIFICATION must be 'mandatory'" in done.stderr


def test_cache_url_shares_rate_limits_across_processes(tmp_path: Path) -> None:
    """Two processes with CYBERDENT_CACHE_URL see the same counters (Redis of this machine)."""
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    env = {"CYBERDENT_CACHE_URL": "redis://127.0.0.1:6379/15", "CYBERDENT_DATA_DIR": str(tmp_path)}
    import uuid

    key = f"cyberdent-test-{uuid.uuid4().hex}"
    code = (
        "from django.core.cache import cache; "
        f"cache.add('{key}', 0, 60); print(cache.incr('{key}'))"
    )
    first = _manage(env, "shell", "-c", code)
    second = _manage(env, "shell", "-c", code)
    # The last line is the counter (the shell may print a banner before it).
    counts = (first.stdout.strip().splitlines()[-1], second.stdout.strip().splitlines()[-1])
    assert counts == ("1", "2"), first.stderr + second.stderr


def test_a_cache_url_that_is_not_redis_is_refused(tmp_path: Path) -> None:
    env = {"CYBERDENT_CACHE_URL": "memcached://x", "CYBERDENT_DATA_DIR": str(tmp_path)}
    done = _manage(env, "check")
    assert done.returncode != 0
    assert "CYBERDENT_CACHE_URL must be a redis:// URL" in done.stderr
