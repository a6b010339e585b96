"""Benchmark of the diagnostic path: référentiel load, assessment, and the result page.

Run: .venv/bin/python bench/bench_diagnostic.py [--help]
Prints the median and the 95th percentile of each step over many runs (wall clock, one process),
then where a result page's time goes: the templates it renders (inclusive times) and the rest,
over 50 answer sets, in a process warmed as a gunicorn worker is (config/warmup.py).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyberdent.config.settings")
os.environ.setdefault("CYBERDENT_ALLOWED_HOSTS", "testserver")

from timing import timings


def measure(name: str, func: Callable[[], object], runs: int) -> None:
    median, p95 = timings(func, runs)
    print(f"{name:<42} median {median:8.3f} ms   p95 {p95:8.3f} ms   ({runs} runs)")


def result_page_breakdown(runs: int = 1000) -> None:
    """Inclusive time of each template of the result page, per request (Template._render
    wrapped with a timer, which adds a little to every figure)."""
    from urllib.parse import quote

    from django.template import base
    from django.test import Client

    from cyberdent.config.warmup import warm_up
    from cyberdent.diagnostic.tokens import encode_answers
    from cyberdent.domain.answers import parse_answers
    from cyberdent.domain.loader import default_referential

    warm_up()
    ref = default_referential()
    rng = random.Random(14)  # noqa: S311 — answer sets, not secrets
    paths = []
    for _ in range(50):
        raw = {q.id: rng.choice(("yes", "no", "unknown")) for q in ref.questions}
        token = encode_answers(ref, parse_answers(ref, raw))
        paths.append("/diagnostic/resultat/?r=" + quote(token))
    client = Client()
    for i in range(200):  # fills the fragment cache as a worker's first visitors do
        client.get(paths[i % len(paths)])
    spent: Counter[str] = Counter()
    render = base.Template._render

    def timed(self: Any, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return render(self, context)
        finally:
            spent[self.name] += time.perf_counter() - start

    base.Template._render = timed
    start = time.perf_counter()
    for i in range(runs):
        client.get(paths[i % len(paths)])
    total = (time.perf_counter() - start) / runs * 1000
    base.Template._render = render
    page = spent["diagnostic/result.html"] / runs * 1000
    print(f"\nresult page, {runs} requests over {len(paths)} answer sets, per request:")
    print(f"  {'everything (test client, middleware, view, templates)':<52} {total:6.3f} ms")
    print(f"  {'outside the templates (client, middleware, view)':<52} {total - page:6.3f} ms")
    for name, seconds in spent.most_common(8):
        print(f"  {'template ' + name:<52} {seconds / runs * 1000:6.3f} ms (inclusive)")


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
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
    result_page_breakdown()


if __name__ == "__main__":
    main()
