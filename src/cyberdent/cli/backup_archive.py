"""The backup file: a gzip-compressed tar holding `manifest.json` then the database payload.

Why tar.gz: the tools to look inside are everywhere (`tar tzf`), and gzip's CRC-32 covers every
byte of the tar stream, so a flipped byte anywhere (a tar header, padding, the payload) is
caught; the manifest's sha256 of the payload adds a strong check of the data itself. The gzip
header, which the CRC does not cover, is written identically every time and checked byte for
byte. The checks detect damage, not a forger: an attacker who can write the file can rewrite
the manifest too (docs/backups.md: keep copies where they cannot, or encrypt and sign them).

Reading is defensive: only the two expected member names, in order, regular files only (no
links, directories or devices, hence no path traversal), sizes capped, and nothing but tar's
zero padding after the last member."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import zlib
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from cyberdent.cli.errors import UsageError

FORMAT = "cyberdent-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
PAYLOADS = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_PAYLOAD_BYTES = 64 * 1024**3
# gzip with mtime 0, no file name, XFL 0 (level 6) and OS 255: the same 10 bytes every time.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
_CHUNK = 1024 * 1024
_NAME = re.compile(r"[A-Za-z0-9_]{1,63}\Z")
_MIGRATION = re.compile(r"[A-Za-z0-9_]{1,255}\Z")
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_KEYS = {
    "format",
    "version",
    "engine",
    "created_at",
    "cyberdent_version",
    "referential",
    "migrations",
    "tables",
    "payload",
}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _member(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    return info


def write_archive(target: Path, manifest: dict[str, Any], payload: Path) -> None:
    """Write the archive next to `target`, flush it to disk, then link it into place: a reader
    never sees half a file, and an existing `target` is never overwritten. Mode 0600: it holds
    every account's data."""
    data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    mtime = datetime.fromisoformat(manifest["created_at"]).timestamp()
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw:
            with (
                gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) as gz,
                tarfile.open(fileobj=gz, mode="w|", format=tarfile.PAX_FORMAT) as tar,
                payload.open("rb") as source,
            ):
                tar.addfile(_member(MANIFEST_NAME, len(data), mtime), io.BytesIO(data))
                size = payload.stat().st_size
                tar.addfile(_member(manifest["payload"]["name"], size, mtime), source)
            raw.flush()
            os.fsync(raw.fileno())
        try:
            os.link(partial, target)
        except FileExistsError:
            raise UsageError(f"-o: {target} already exists; choose another name") from None
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    finally:
        partial.unlink(missing_ok=True)


def _bad(path: Path, why: str) -> UsageError:
    return UsageError(f"{path}: refused, not a valid CyberDent backup ({why}); nothing was changed")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _checked_manifest(data: bytes) -> dict[str, Any]:
    """The manifest if it has exactly the expected shape, else ValueError saying what is wrong."""
    manifest = json.loads(data.decode("utf-8"))
    if not isinstance(manifest, dict) or set(manifest) != _KEYS:
        raise ValueError("the manifest does not have the expected fields")
    if manifest["format"] != FORMAT or manifest["version"] != FORMAT_VERSION:
        raise ValueError(f"unknown format {manifest['format']!r} v{manifest['version']!r}")
    if manifest["engine"] not in PAYLOADS:
        raise ValueError(f"unknown engine {manifest['engine']!r}")
    datetime.fromisoformat(str(manifest["created_at"]))
    tables, migrations, payload = manifest["tables"], manifest["migrations"], manifest["payload"]
    if not isinstance(tables, dict) or not tables:
        raise ValueError("no table counts in the manifest")
    if not all(_NAME.match(str(name)) and _is_int(count) for name, count in tables.items()):
        raise ValueError("a table name or row count in the manifest is not valid")
    if not isinstance(migrations, dict) or not all(
        _MIGRATION.match(str(app)) and isinstance(name, str) and _MIGRATION.match(name)
        for app, name in migrations.items()
    ):
        raise ValueError("the migration state in the manifest is not valid")
    if (
        not isinstance(payload, dict)
        or set(payload) != {"name", "size", "sha256"}
        or payload["name"] != PAYLOADS[manifest["engine"]]
        or not _is_int(payload["size"])
        or payload["size"] > MAX_PAYLOAD_BYTES
        or not _SHA256.match(str(payload["sha256"]))
    ):
        raise ValueError("the payload description in the manifest is not valid")
    return manifest


def _read(tar: tarfile.TarFile, name: str, limit: int, exact: bool = False) -> IO[bytes]:
    """The next member's content, if it is the regular file `name` of at most (or, if `exact`,
    of exactly) `limit` bytes."""
    member = tar.next()
    if member is None:
        raise ValueError(f"{name} is missing")
    if member.name != name:
        raise ValueError(f"unexpected member {member.name[:80]!r} (expected {name})")
    if not member.isreg():
        raise ValueError(f"{name} is not a regular file")
    if member.size > limit or (exact and member.size != limit):
        raise ValueError(f"{name} has {member.size:,} bytes, not {limit:,}")
    content = tar.extractfile(member)
    if content is None:  # not for a regular file; kept for the type checker
        raise ValueError(f"{name} cannot be read")
    return content


def _copy(source: IO[bytes], target: Path, size: int) -> str:
    digest = hashlib.sha256()
    with target.open("wb") as out:
        left = size
        while left:
            chunk = source.read(min(_CHUNK, left))
            if not chunk:
                raise EOFError("the payload is cut short")
            digest.update(chunk)
            out.write(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def _unpack(path: Path, workdir: Path) -> tuple[dict[str, Any], Path]:
    with path.open("rb") as raw:
        if raw.read(len(GZIP_HEADER)) != GZIP_HEADER:
            raise ValueError("not a gzip-compressed archive written by `cyberdent backup`")
        raw.seek(0)
        with gzip.GzipFile(fileobj=raw, mode="rb") as gz:
            with tarfile.open(fileobj=gz, mode="r|") as tar:
                manifest = _checked_manifest(_read(tar, MANIFEST_NAME, MAX_MANIFEST_BYTES).read())
                name, size = manifest["payload"]["name"], manifest["payload"]["size"]
                payload = workdir / name
                digest = _copy(_read(tar, name, size, exact=True), payload, size)
                extra = tar.next()
                if extra is not None:
                    raise ValueError(f"unexpected member {extra.name[:80]!r}")
            # Read to the end: gzip checks its CRC-32 and length there. Only tar's zero padding
            # may follow the end-of-archive marker.
            while chunk := gz.read(_CHUNK):
                if chunk.count(0) != len(chunk):
                    raise ValueError("data after the end of the archive")
    if digest != manifest["payload"]["sha256"]:
        raise ValueError(f"the sha256 of {name} does not match the manifest")
    return manifest, payload


def read_backup(path: Path, workdir: Path) -> tuple[dict[str, Any], Path]:
    """The verified manifest and the extracted payload (in `workdir`), or UsageError."""
    if not path.is_file():
        raise UsageError(f"{path}: no such backup file")
    try:
        result = _unpack(path, workdir)
    except (OSError, EOFError, tarfile.TarError, zlib.error, ValueError, UnicodeError) as exc:
        if isinstance(exc, EOFError | tarfile.ReadError) and "ended" in str(exc).lower():
            raise _bad(path, "the file is truncated") from exc
        raise _bad(path, str(exc) or exc.__class__.__name__) from exc
    return result
