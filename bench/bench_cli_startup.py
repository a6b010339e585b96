"""Start-up of the `cyberdent` command against `python -c pass`, as a person runs it.

Run: .venv/bin/python bench/bench_cli_startup.py

Each command is a new process (wall clock, from spawn to exit), measured side by side with
`python -c pass` on the same interpreter, interleaved A/B/B/A over ROUNDS rounds:

- `cyberdent --help`: the interpreter, argparse and the parser of every command;
- `cyberdent diagnose --answers FILE`: plus pydantic, the référentiel (YAML, typography,
  validation), the scoring and the plan printed with rich;
- `cyberdent report --answers FILE -o PDF`: plus typst and the PDF itself.

Then one process split in its steps (medians of SPLIT_RUNS processes, timed inside): importing
the CLI, pydantic, the référentiel's models, yaml and rich, loading the référentiel, building
the report, importing typst and the renderer, the first compile (fonts and layout), and a second
compile in the same process. It tells where `diagnose` spends its time, and what part of `report`
is start-up and what part is the PDF work.

Bytecode: every process runs with Python's bytecode cache, as an installed CyberDent does (pip
compiles it; an editable install writes it on the first run), kept in a temporary folder
(PYTHONPYCACHEPREFIX) filled by a first, untimed run. When this environment disables the cache
(PYTHONDONTWRITEBYTECODE, as some sandboxes do), `diagnose` is also measured that way, against
the cached run: every start then compiles CyberDent's modules from source.
"""

from __future__ import annotations

import argparse
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

# Run in a new interpreter: each step's time, in ms, as JSON on the last line. The steps are
# those of `diagnose` then `report`, each third-party library imported in a step of its own.
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
step(CLI)
import pydantic.main
step(PYDANTIC)
import cyberdent.domain.referential_models
step(MODELS)
from cyberdent.cli.inputs import read_mapping, referential_from
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.report import build_report
import cyberdent.domain.serialize
step(DOMAIN)
import yaml
step(YAML)
ref = referential_from(None)
step(LOAD)
import rich.console, rich.markup
step(RICH)
def report(day):
    answers = parse_answers(ref, read_mapping(sys.argv[1]))
    return build_report(ref, assess(ref, answers), practice_name=None, date=day)
first = report(dt.date(2026, 11, 28))
step(BUILD)
from cyberdent.documents import report_pdf
step(TYPST)
report_pdf.render_report_pdf(first)
step(COMPILE)
report_pdf.render_report_pdf(report(dt.date(2026, 11, 29)))
step(AGAIN)
print(json.dumps(steps))
"""
# The steps' names, defined before SPLIT runs.
STEPS = {
    "CLI": "import the CLI, build its parser",
    "PYDANTIC": "import pydantic's BaseModel",
    "MODELS": "build the référentiel's models (pydantic)",
    "DOMAIN": "import the rest of the domain",
    "YAML": "import yaml",
    "LOAD": "load the référentiel (parse, typeset, validate)",
    "RICH": "import rich (diagnose's text output)",
    "BUILD": "read the answers, score, build the report",
    "TYPST": "import typst and the renderer",
    "COMPILE": "first compile (fonts, layout, PDF)",
    "AGAIN": "second compile in the same process",
}


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
        code = "".join(f"{var} = {name!r}\n" for var, name in STEPS.items()) + SPLIT
        done = subprocess.run(  # noqa: S603
            [PYTHON, "-c", code, str(answers)], check=True, capture_output=True, text=True, env=env
        )
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
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
        print(f"  {name:<50} {ms:7.1f}")
    ms = {var: steps[name] for var, name in STEPS.items()}
    pdf_work = ms["TYPST"] + ms["COMPILE"]
    report_start = report.median - pdf_work
    libraries = ms["PYDANTIC"] + ms["MODELS"] + ms["YAML"] + ms["RICH"]
    print(
        f"  => `report` {report.median:.0f} ms = start-up {report_start:.0f} ms + PDF work "
        f"{pdf_work:.0f} ms (typst import {ms['TYPST']:.0f}, first compile {ms['COMPILE']:.0f}; "
        f"a second compile in the same process: {ms['AGAIN']:.0f})\n"
        f"  => in `diagnose` {diagnose.median:.0f} ms: python {bare.median:.0f}, pydantic and the "
        f"référentiel's models {ms['PYDANTIC'] + ms['MODELS']:.0f}, yaml {ms['YAML']:.0f}, rich "
        f"{ms['RICH']:.0f}, the référentiel's load {ms['LOAD']:.0f}, the CLI {ms['CLI']:.0f}"
    )

    diagnose_ratio = diagnose.median / bare.median
    report_ratio = report.median / bare_r.median
    met = diagnose.median <= GOAL_MS and report_start <= GOAL_MS
    notes = []
    if not met:
        notes.append(
            f"Importing libraries takes {libraries:.0f} ms of `diagnose`: pydantic's BaseModel "
            f"{ms['PYDANTIC']:.0f} and building the référentiel's models {ms['MODELS']:.0f}, "
            f"yaml {ms['YAML']:.0f}, rich {ms['RICH']:.0f}; "
            f"CyberDent's own part (CLI {ms['CLI']:.0f}, référentiel load {ms['LOAD']:.0f}) is "
            "small. Meeting the goal needs the CLI to run without pydantic (e.g. the référentiel "
            "kept as plain data)"
        )
    if report.median > GOAL_MS:
        notes.append(
            f"`report` is {report.median:.0f} ms in all, of which the PDF work itself "
            f"{pdf_work:.0f} ms (typst import {ms['TYPST']:.0f}, fonts and compile "
            f"{ms['COMPILE']:.0f}); its start-up before the PDF is {report_start:.0f} ms"
        )
    notes.append(f"`--help` {help_ms.median:.0f} ms; bytecode cached, as installed")
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
            note=". ".join(notes) + ".",
        )
    )


if __name__ == "__main__":
    main()
