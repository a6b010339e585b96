"""Load without loss: N simulated people for a while, then every acknowledged write checked.

    .venv/bin/python -m reliability.load.run --database sqlite --users 50 --seconds 300

Sets up a fresh database (SQLite in a temporary data dir, as `make run`; or a fresh PostgreSQL
database with Redis as the cache, as a hosted deployment), creates one account with two-factor
login and one practice per simulated member, serves the app exactly as `make run` does (gunicorn,
two workers, the e-mail worker beside it), runs the locust scenario (locustfile.py) headless,
stops the app, then checks in the database that every write the server acknowledged is there.
Prints p50/p95/p99 per kind of request. Exit status 0 only with no failed request and no lost
write."""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/13"

MAKE_ACCOUNTS = """
import base64, os, sys
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from cyberdent.assessments.services import diagnostic_save
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.loader import default_referential
from cyberdent.practices.models import Membership, Practice
ref = default_referential()
answers = parse_answers(ref, {q.id: "no" for q in ref.questions})
User = get_user_model()
with open(os.environ["CYBERDENT_LOAD_ACCOUNTS"], "w") as out:
    for i in range(int(os.environ["CYBERDENT_LOAD_COUNT"])):
        email = f"charge{i}@lilas.test"
        user = User.objects.create_user(username=email, email=email, password=%(password)r)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        secret = base64.b32encode(os.urandom(20)).decode()
        TOTP.activate(user, secret)
        practice = Practice.objects.create(name=f"Cabinet {i}", department="34", team_size=3)
        Membership.objects.create(practice=practice, user=user, role="owner")
        diagnostic_save(practice=practice, user=user, answers=answers, referential=ref)
        out.write(f"{email} {secret} {practice.pk}\\n")
"""

CHECK_ACKS = """
import json, os, collections
from cyberdent.actionplan.models import ActionItem
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.crisis.models import CrisisProtocol
from cyberdent.incidents.models import JournalEntry
acks = [json.loads(line) for line in open(os.environ["CYBERDENT_LOAD_ACKS"])]
lost = []
saved = collections.Counter(a["practice"] for a in acks if a["kind"] == "diagnostic")
for practice, count in saved.items():
    stored = SavedDiagnostic.objects.filter(practice_id=practice).count() - 1  # the first one
    if stored < count:
        lost.append(f"practice {practice}: {count} diagnostics acknowledged, {stored} stored")
texts = [a["text"] for a in acks if a["kind"] == "journal"]
found = set(JournalEntry.objects.filter(text__in=texts).values_list("text", flat=True))
lost += [f"journal entry {t!r}" for t in texts if t not in found]
def last_wins(kind, key, field, stored_of):
    # The stored value is the last acknowledged one, or one sent after it whose answer the end
    # of the run cut off; never an older one (that would be a lost write).
    last = {}
    for a in sorted((a for a in acks if a["kind"] == kind), key=lambda a: a["at"]):
        last[a[key]] = a
    for owner, ack in last.items():
        later = {t[field] for t in acks if t["kind"] == "try" and t.get(key) == owner
                 and t["at"] > ack["at"]}
        stored = stored_of(owner)
        if stored != ack[field] and stored not in later:
            lost.append(f"{key} {owner}: {ack[field]!r} acknowledged, {stored!r} stored")
last_wins("contacts", "practice", "name",
          lambda p: CrisisProtocol.objects.get(practice_id=p).contacts.get("practice"))
last_wins("plan", "item", "status", lambda i: ActionItem.objects.get(pk=i).status)
kinds = collections.Counter(a["kind"] for a in acks if a["kind"] != "try")
print(json.dumps({"acknowledged": dict(kinds), "checked": sum(kinds.values()), "lost": lost}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _environment(database: str, data_dir: Path) -> tuple[dict[str, str], str | None]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CYBERDENT_", "DATABASE_"))}
    env.update(CYBERDENT_DATA_DIR=str(data_dir), PYTHONPATH=f"{ROOT}:{ROOT / 'src'}")
    env["DJANGO_SETTINGS_MODULE"] = "cyberdent.config.settings"
    # Simulated people carry their own address in X-Forwarded-For (see locustfile.py).
    env.update(CYBERDENT_BEHIND_PROXY="true", CYBERDENT_TRUSTED_PROXY_COUNT="1")
    if database == "sqlite":
        return env, None
    import psycopg
    import redis

    name = f"cyberdent_load_{os.getpid()}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS).flushdb()
    env.update(DATABASE_URL=f"{POSTGRES}/{name}", CYBERDENT_CACHE_URL=REDIS)
    return env, name


def _drop(name: str | None) -> None:
    if name is None:
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    # As the Makefile's `run` target.
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "cyberdent.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--config",
            "python:cyberdent.config.gunicorn_run",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sante/", timeout=2).close()
            return server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the app did not start") from None
            time.sleep(0.3)


def _percentiles(stats_csv: Path) -> list[dict[str, str]]:
    with stats_csv.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(143)  # so that `finally` stops the app and drops the database


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--out", type=Path, default=None, help="keep the CSV files here")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="cyberdent-load-"))
    env, pg_name = _environment(args.database, work / "data")
    accounts, acks = work / "accounts.txt", work / "acks.jsonl"
    env.update(
        CYBERDENT_LOAD_ACCOUNTS=str(accounts),
        CYBERDENT_LOAD_ACKS=str(acks),
        CYBERDENT_LOAD_COUNT=str(args.users),
    )
    acks.touch()
    server = None
    try:
        _manage(env, "migrate", "-v", "0")
        _manage(env, "shell", "-c", MAKE_ACCOUNTS % {"password": "un mot de passe solide 2026"})
        port = _free_port()
        server = _serve(env, port)
        started = time.monotonic()
        locust = subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "reliability/load/locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(max(1, args.users // 10)),
                "--run-time",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(work / "load"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        elapsed = time.monotonic() - started
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
    try:
        check = json.loads(_manage(env, "shell", "-c", CHECK_ACKS).strip().splitlines()[-1])
        rows = _percentiles(work / "load_stats.csv")
    finally:
        _drop(pg_name)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name in ("load_stats.csv", "load_failures.csv"):
            shutil.copy(work / name, args.out / f"{args.database}-{name}")
    print(f"{args.database}: {args.users} users for {elapsed:.0f} s")
    print("| request | count | failures | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
            f"{row['50%']} | {row['95%']} | {row['99%']} |"
        )
    failures = sum(int(r["Failure Count"]) for r in rows if r["Name"] == "Aggregated")
    print(f"acknowledged writes: {check['acknowledged']}, checked: {check['checked']}")
    print(f"lost writes: {len(check['lost'])}; failed requests: {failures}")
    for problem in check["lost"][:20]:
        print("  LOST", problem)
    if locust.returncode not in (0, 1):
        print(locust.stderr[-3000:], file=sys.stderr)
        return 1
    return 0 if failures == 0 and not check["lost"] and check["checked"] > 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
