"""Start-up of the `cyberdent` command against `python -c pass`, as a person runs it.

Run: .venv/bin/python bench/bench_cli_startup.py

Each command is a new process (wall clock, from spawn to exit), measured side by side with
`python -c pass` on the same interpreter, interleaved A/B/B/A over ROUNDS rounds:

- `cyberdent --help`: the interpreter, argparse and the parser of every command;
- `cyberdent diagnose --answers FILE`: plus pydantic, the référentiel (YAML, typography,
  validation), the scoring and the plan printed with rich;
- `cyberdent report --answers FILE -o PDF`: plus typst and the PDF itself.

Then one process split in its steps (medians of SPLIT_RUNS processes, timed inside): importing
the CLI, the domain, loading the référentiel, building the report, importing typst and the
renderer, the first compile (fonts and layout), and a second compile in the same process. It
tells what part of `report` is start-up and what part is the PDF work.

Bytecode: every process runs with Python's bytecode cache, as an installed CyberDent does (pip
compiles it; an editable install writes it on the first run), kept in a temporary folder
(PYTHONPYCACHEPREFIX) filled by a first, untimed run. When this environment disables the cache
(PYTHONDONTWRITEBYTECODE, as some sandboxes do), `diagnose` is also measured that way, against
the cached run: every start then compiles CyberDent's modules from source.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from interleave import Spread, interleaved
from summary import Figure, record

ROUNDS = 10
SPLIT_RUNS = 5
GOAL_MS = 150.0
PYTHON = sys.executable
CYBERDENT = str(Path(sys.executable).with_name("cyberdent"))
ANSWERS = """\
passwords: yes
mfa: no
backups: unknown
wifi_separation: yes
updates: yes
phishing_training: no
auto_lock: yes
data_transfer: yes
hds_hosting: not_applicable
physical_access: yes
crisis_protocol: no
cyber_insurance: yes
"""

# Run in a new interpreter: each step's time, in ms, as JSON on the last line.
SPLIT = """
import datetime as dt, json, sys, time
steps = {}
mark = time.perf_counter()
def step(name):
    global mark
    now = time.perf_counter()
    steps[name] = (now - mark) * 1000
    mark = now
from cyberdent.cli.main import build_parser
build_parser()
step("import the CLI, build its parser")
from cyberdent.cli.inputs import read_mapping, referential_from
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.report import build_report
step("import the domain (pydantic, the référentiel's models)")
ref = referential_from(None)
step("load the référentiel")
def report(day):
    answers = parse_answers(ref, read_mapping(sys.argv[1]))
    return build_report(ref, assess(ref, answers), practice_name=None, date=day)
first = report(dt.date(2026, 11, 28))
step("read the answers, score, build the report")
from cyberdent.documents import report_pdf
step("import typst and the renderer")
report_pdf.render_report_pdf(first)
step("first compile (fonts, layout, PDF)")
report_pdf.render_report_pdf(report(dt.date(2026, 11, 29)))
step("second compile in the same process")
print(json.dumps(steps))
"""


def cached_bytecode(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder)
    return env


def wall(argv: list[str], env: dict[str, str]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)  # noqa: S603
        return (time.perf_counter() - start) * 1000

    run()  # untimed: fills the bytecode cache
    return run


def compare(label: str, argv: list[str], env: dict[str, str]) -> tuple[Spread, Spread]:
    bare, command = interleaved(wall([PYTHON, "-c", "pass"], env), wall(argv, env), ROUNDS)
    ratio = command.median / bare.median
    print(f"{label:<20} {command} ms   python -c pass {bare} ms   ratio {ratio:.1f}×")
    return bare, command


def split(answers: Path, env: dict[str, str]) -> dict[str, float]:
    runs = []
    for _ in range(SPLIT_RUNS):
        done = subprocess.run(  # noqa: S603
            [PYTHON, "-c", SPLIT, str(answers)], check=True, capture_output=True, text=True, env=env
        )
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cyberdent-bench-") as tmp:
        answers = Path(tmp) / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        pdf = str(Path(tmp) / "rapport.pdf")
        env = cached_bytecode(Path(tmp) / "pycache")
        diagnose_argv = [CYBERDENT, "diagnose", "--answers", str(answers)]
        print(f"CLI start-up, {ROUNDS} interleaved rounds (A/B/B/A), wall clock, in ms:")
        _, help_ms = compare("cyberdent --help", [CYBERDENT, "--help"], env)
        bare, diagnose = compare("cyberdent diagnose", diagnose_argv, env)
        bare_r, report = compare(
            "cyberdent report", [CYBERDENT, "report", "--answers", str(answers), "-o", pdf], env
        )
        steps = split(answers, env)
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            cached, uncached = interleaved(
                wall(diagnose_argv, env), wall(diagnose_argv, dict(os.environ)), ROUNDS
            )
            print(
                f"\nThis environment sets PYTHONDONTWRITEBYTECODE: `diagnose` without the "
                f"bytecode cache {uncached} ms, with it {cached} ms (compiling CyberDent's "
                f"modules at each start: +{uncached.median - cached.median:.0f} ms)"
            )

    print(f"\nOne `report` process step by step (medians of {SPLIT_RUNS} processes), in ms:")
    for name, ms in steps.items():
        print(f"  {name:<56} {ms:7.1f}")
    pdf_work = steps["import typst and the renderer"] + steps["first compile (fonts, layout, PDF)"]
    report_start = report.median - pdf_work
    print(
        f"  => `report` {report.median:.0f} ms = start-up {report_start:.0f} ms "
        f"+ PDF work {pdf_work:.0f} ms (typst import "
        f"{steps['import typst and the renderer']:.0f}, first compile "
        f"{steps['first compile (fonts, layout, PDF)']:.0f}; a second compile in the same "
        f"process: {steps['second compile in the same process']:.0f})"
    )

    diagnose_ratio = diagnose.median / bare.median
    report_ratio = report.median / bare_r.median
    met = diagnose.median <= GOAL_MS and report_start <= GOAL_MS
    note = ""
    if report.median > GOAL_MS:
        note = (
            f"`report` is {report.median:.0f} ms in all, of which the PDF work itself "
            f"{pdf_work:.0f} ms (typst import {steps['import typst and the renderer']:.0f}, "
            f"fonts and compile {steps['first compile (fonts, layout, PDF)']:.0f}); its start-up "
            f"before the PDF is {report_start:.0f} ms. `--help` {help_ms.median:.0f} ms."
        )
    record(
        Figure(
            what="cyberdent diagnose / report start-up vs python -c pass",
            before="474 ms (33×)",
            now=(
                f"diagnose {diagnose.median:.0f} ms ({diagnose_ratio:.1f}×), "
                f"report {report.median:.0f} ms ({report_ratio:.1f}×) "
                f"with start-up {report_start:.0f} ms"
            ),
            goal=f"≤ {GOAL_MS:.0f} ms",
            met=met,
            note=note,
        )
    )


if __name__ == "__main__":
    main()
