"""Benchmark of the PDF documents: median time to render the report and the poster, the first
report of a new process (with and without `warm_up()` before a fork, as gunicorn --preload does),
and the memory of a process after 200 reports.

Run: .venv/bin/python bench/bench_documents.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cyberdent.documents.poster_pdf import render_poster_pdf
from cyberdent.documents.report_pdf import render_report_pdf
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.loader import default_referential
from cyberdent.domain.protocol import build_poster, parse_contacts
from cyberdent.domain.report import build_report

MOMENT = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


def measure(name: str, func: Callable[[int], bytes], runs: int) -> None:
    """Each run gets a new number, put into the document, so typst's memoisation cannot
    answer from a previous identical compile: every request of the app has its own data."""
    size = len(func(0))  # warm-up (font loading, template parsing)
    samples = []
    for run in range(1, runs + 1):
        start = time.perf_counter()
        func(run)
        samples.append(time.perf_counter() - start)
    median = statistics.median(samples) * 1000
    print(f"{name:<44} median {median:7.1f} ms  min {min(samples) * 1000:7.1f} ms  "
          f"{size:,} bytes  ({runs} runs)")  # fmt: skip


# Run in new interpreters: the first document of a process, and its memory.
PROCESS = """
import datetime as dt, os, sys, time
from cyberdent.documents import render
from cyberdent.documents.report_pdf import render_report_pdf
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.loader import default_referential
from cyberdent.domain.report import build_report

ref = default_referential()
answers = parse_answers(ref, {q.id: "unknown" for q in ref.questions})

def report(n):
    start = time.perf_counter()
    render_report_pdf(build_report(ref, assess(ref, answers), practice_name=f"Cabinet {n}"))
    return (time.perf_counter() - start) * 1000

def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))

if sys.argv[1] == "cold":
    print(f"first report of a process {report(0):6.0f} ms, second {report(1):4.0f} ms")
elif sys.argv[1] == "preforked":
    start = time.perf_counter()
    render.warm_up()
    warm = (time.perf_counter() - start) * 1000
    if os.fork() == 0:
        print(f"after warm_up() ({warm:.0f} ms) and a fork: first report {report(0):4.0f} ms, "
              f"second {report(1):4.0f} ms", flush=True)
        os._exit(0)
    os.wait()
else:
    before = rss()
    for n in range(200):
        report(n)
    print(f"RSS {before} MiB after the imports, {rss()} MiB after 200 reports")
"""


def in_new_process(mode: str) -> None:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(  # noqa: S603 (this interpreter, the fixed script above)
        [sys.executable, "-c", PROCESS, mode],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        timeout=300,
    )
    print(done.stdout.strip())


def main() -> None:
    ref = default_referential()
    contact_data = {
        "it_provider": {"name": "Info Santé", "phone": "04 67 00 00 00", "hours": "8 h–18 h"},
        "insurer": {"name": "Assur", "contract": "AB-1", "phone": "09 70 00 00 00"},
        "police": {"name": "Commissariat", "address": "1 rue X", "phone": "17"},
        "lead": {"name": "Dr Dupont", "phone": "06 00 00 00 00"},
    }
    worst = {q.id: "unknown" for q in ref.questions}  # every action, each with a find-out step
    answers = parse_answers(ref, worst)
    low_answers = parse_answers(ref, {q.id: "yes" for q in ref.questions})

    def report(run: int) -> bytes:
        built = build_report(ref, assess(ref, answers), practice_name=f"Cabinet {run}")
        return render_report_pdf(built, timestamp=MOMENT)

    def low(run: int) -> bytes:
        built = build_report(ref, assess(ref, low_answers), practice_name=f"Cabinet {run}")
        return render_report_pdf(built, timestamp=MOMENT)

    def poster(run: int) -> bytes:
        contacts = parse_contacts({"practice": f"Cabinet {run}", **contact_data})
        return render_poster_pdf(build_poster(ref, contacts), timestamp=MOMENT)

    def long_poster(run: int) -> bytes:
        raw = {
            "practice": f"{run} " + "P" * 110,
            "police": {"name": "G" * 120, "address": "A " * 100},
        }
        return render_poster_pdf(build_poster(ref, parse_contacts(raw)), timestamp=MOMENT)

    measure("report PDF, all unknown (13 actions)", report, 20)
    measure("report PDF, low risk (upkeep plan)", low, 20)
    measure("poster PDF, filled", poster, 20)
    measure("poster PDF, longest fields", long_poster, 20)
    for mode in "cold", "preforked", "memory":
        in_new_process(mode)


if __name__ == "__main__":
    main()
