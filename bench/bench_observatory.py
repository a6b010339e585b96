"""Benchmark of the union's observatory at scale: its pages and exports over a large store.

Run (PostgreSQL, one million demo contributions; the fill takes a few minutes, once):
    createdb -h 127.0.0.1 -U postgres cyberdent_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cyberdent_bench
    .venv/bin/python manage.py migrate
    .venv/bin/cyberdent observatory demo --contributions 1000000 --seed 1
    .venv/bin/python bench/bench_observatory.py

Every page is requested through Django's test client in this one process (the view, the
template, the database; no network), as a union staff member with two-factor login for the
staff pages. Prints the median and the 95th percentile of each; the target is p95 < 500 ms.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyberdent.config.settings")
os.environ.setdefault("CYBERDENT_ALLOWED_HOSTS", "testserver")

from timing import timings

BENCH_STAFF = "bench-observatoire@urps.test"
TARGET_MS = 500.0


def measure(name: str, func: Callable[[], object], runs: int) -> float:
    median, p95 = timings(func, runs)
    verdict = "ok" if p95 < TARGET_MS else "TOO SLOW"
    print(f"{name:<52} median {median:7.1f} ms   p95 {p95:7.1f} ms   ({runs} runs) {verdict}")
    return p95


def _staff_client() -> object:
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model
    from django.test import Client

    from cyberdent.observatory.models import StaffMember

    user, _ = get_user_model().objects.get_or_create(username=BENCH_STAFF, email=BENCH_STAFF)
    StaffMember.objects.get_or_create(user=user)
    if not user.authenticator_set.exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = Client()
    client.force_login(user)
    return client


def _ok(response: object) -> object:
    status = getattr(response, "status_code", 0)
    if status != 200:
        raise SystemExit(f"unexpected status {status}")
    return response


def main() -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from cyberdent.diagnostic.tokens import encode_answers
    from cyberdent.domain.answers import parse_answers
    from cyberdent.domain.loader import default_referential
    from cyberdent.observatory.models import Block, Contribution
    from cyberdent.observatory.services import contribution_record

    contributions = Contribution.objects.count()
    blocks = Block.objects.count()
    print(f"database: {connection.vendor}, {contributions:,} contributions in {blocks:,} blocks")
    if contributions < 1000:
        print("fill it first: cyberdent observatory demo --contributions 1000000 --seed 1")
        return 2
    ref = default_referential()
    staff = _staff_client()
    anonymous = Client()
    token = encode_answers(ref, parse_answers(ref, {q.id: "yes" for q in ref.questions}))
    answers = parse_answers(ref, {q.id: "no" for q in ref.questions}).scored
    runs = 40
    worst = max(
        measure(
            "GET /observatoire/union/ (dashboard, all periods)",
            lambda: _ok(staff.get("/observatoire/union/")),
            runs,
        ),
        measure(
            "GET /observatoire/union/?du=…&au=… (12 months)",
            lambda: _ok(staff.get("/observatoire/union/?du=2026-01&au=2026-12")),
            runs,
        ),
        measure(
            "GET /observatoire/ (public figures)",
            lambda: _ok(anonymous.get("/observatoire/")),
            runs,
        ),
        measure(
            "GET export.csv by département × size band × month",
            lambda: _ok(
                staff.get("/observatoire/union/export.csv?par=departement&par=size_band&par=period")
            ),
            runs,
        ),
        measure(
            "GET export.json by département",
            lambda: _ok(staff.get("/observatoire/union/export.json?par=departement")),
            runs,
        ),
        measure(
            "GET /diagnostic/resultat/ (with the comparison)",
            lambda: _ok(anonymous.get("/diagnostic/resultat/", {"r": token, "departement": "34"})),
            runs,
        ),
    )
    counter = iter(range(10**9))
    measure(
        "contribute (one practice, replace + roll-up)",
        lambda: contribution_record(
            ref=ref,
            answers=answers,
            departement="34",
            size_band="2-5",
            contributor=f"bench:{next(counter) % 20}",
        ),
        runs,
    )
    print(f"worst page p95: {worst:.1f} ms (target < {TARGET_MS:.0f} ms)")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
