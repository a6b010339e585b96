"""Benchmark of the diagnostic path: référentiel load, assessment, and the result page.

Run: .venv/bin/python bench/bench_diagnostic.py
Prints the median and the 95th percentile of each step over many runs (wall clock, one process).
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


def measure(name: str, func: Callable[[], object], runs: int) -> None:
    median, p95 = timings(func, runs)
    print(f"{name:<42} median {median:8.3f} ms   p95 {p95:8.3f} ms   ({runs} runs)")


def main() -> None:
    import django

    django.setup()
    from django.test import Client

    from cyberdent.diagnostic.tokens import encode_answers
    from cyberdent.domain.answers import parse_answers
    from cyberdent.domain.assessment import assess
    from cyberdent.domain.loader import DEFAULT_REFERENTIAL, default_referential, load_referential

    ref = default_referential()
    raw = {q.id: ("yes", "no", "unknown")[i % 3] for i, q in enumerate(ref.questions)}
    answers = parse_answers(ref, raw)
    token = encode_answers(ref, answers)
    client = Client()
    form_data = {q.id: "yes" for q in ref.questions}

    measure("load + validate référentiel YAML", lambda: load_referential(DEFAULT_REFERENTIAL), 50)
    measure(
        "parse answers + assess (score, plan)", lambda: assess(ref, parse_answers(ref, raw)), 2000
    )
    measure("GET /diagnostic/ (form page)", lambda: client.get("/diagnostic/"), 200)
    measure(
        "POST /diagnostic/ (validate, sign, redirect)",
        lambda: client.post("/diagnostic/", form_data),
        200,
    )
    measure(
        "GET /diagnostic/resultat/ (result page)",
        lambda: client.get("/diagnostic/resultat/", {"r": token}),
        200,
    )


if __name__ == "__main__":
    main()
