"""Typed readers of environment variables that fail loudly on a bad value.

Every variable CyberDent reads is documented in the README. A secret may be given directly
(NAME) or as a file path (NAME_FILE), the usual way to pass secrets to a container.
"""

from __future__ import annotations

import math
import os
import secrets
from collections import Counter
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A configuration variable has a value we cannot use."""


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use one of: true, false, 1, 0)")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envsecret(name: str) -> str | None:
    """The secret in NAME, or read from the file named by NAME_FILE; None if neither is set."""
    direct = os.environ.get(name)
    file_name = os.environ.get(f"{name}_FILE")
    if direct and file_name:
        raise ConfigError(f"set {name} or {name}_FILE, not both")
    if direct:
        return direct
    if file_name:
        try:
            value = Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
        if not value:
            raise ConfigError(f"{name}_FILE={file_name!r} is empty")
        return value
    return None


def local_secret_key(data_dir: Path) -> str:
    """A key generated once and kept in data_dir (mode 600), so sessions survive restarts."""
    key_file = data_dir / "secret_key"
    if key_file.exists():
        key = key_file.read_text(encoding="utf-8").strip()
        if key:
            return key
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # O_EXCL: when two processes start together, one writes and the other reads its key.
    # Mode 600 from the start: the key is never readable by others, even briefly.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text(encoding="utf-8").strip() or key
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_BITS = 128


def _estimated_bits(key: str) -> float:
    """Shannon entropy of the key's characters times its length: about 256 for 64 random hex
    digits, far less for a phrase or a repeated pattern. An estimate, not a proof: it only
    catches keys that are obviously weak."""
    counts = Counter(key)
    per_char = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    return per_char * len(key)


def _is_repetition(key: str) -> bool:
    return any(key == (key[:size] * len(key))[: len(key)] for size in range(1, len(key) // 2 + 1))


def check_secret_key(name: str, key: str) -> None:
    """Refuse a production key that could be guessed: it signs sessions, password-reset and
    invitation links, and the result tokens."""
    how = "generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        raise ConfigError(
            f"{name} is too short ({len(key)} characters, "
            f"at least {SECRET_KEY_MIN_LENGTH} needed); {how}"
        )
    if key.startswith("django-insecure") or _is_repetition(key):
        raise ConfigError(f"{name} is a placeholder or a repeated pattern; {how}")
    if _estimated_bits(key) < SECRET_KEY_MIN_BITS:
        raise ConfigError(f"{name} has too little randomness (too few different characters); {how}")
