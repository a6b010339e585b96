"""`make bench`: every side-by-side benchmark of issue 14 in one run, then the summary table
(what, the figure before, the figure now, the goal, met or not and why).

Run: make bench   (or .venv/bin/python bench/run_all.py [--quick])
Each benchmark prints its details as it goes and hands its summary figures over through the
file named by BENCH_SUMMARY (bench/summary.py). Figures are of this machine and this run:
ratios measured side by side in one run are what compares across machines, not the times."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.summary import read_all  # noqa: E402

# (script, arguments of a full run, arguments of a quick one)
BENCHES = (
    (
        "bench_http.py",
        [],
        ["--seconds", "3", "--rounds", "2", "--cold-runs", "3", "--requests", "4000"],
    ),
    ("bench_pdf_compare.py", [], []),
    ("bench_cli_startup.py", [], []),
    ("bench_practice_pages.py", [], ["--sizes", "10,5000"]),
)


def main() -> int:
    parser = argparse.ArgumentParser(description="Run every benchmark and print the summary.")
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory(prefix="cyberdent-bench-") as tmp:
        summary = Path(tmp) / "summary.jsonl"
        summary.touch()
        env = {**os.environ, "BENCH_SUMMARY": str(summary), "PYTHONPATH": str(ROOT)}
        failed = []
        for script, full, quick in BENCHES:
            print(f"\n=== {script} ===", flush=True)
            command = [
                sys.executable,
                str(ROOT / "bench" / script),
                *(quick if args.quick else full),
            ]
            if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:  # noqa: S603
                failed.append(script)
        figures = read_all(str(summary))
    print(f"\n=== Summary ({started}, {platform.node()}, {os.cpu_count()} cores) ===\n")
    print("| what | before | now | goal | met |")
    print("|---|---|---|---|---|")
    for f in figures:
        met = "yes" if f.met else f"no — {f.note}" if f.note else "no"
        print(f"| {f.what} | {f.before} | {f.now} | {f.goal} | {met} |")
    for script in failed:
        print(f"| {script} | | failed: see its output above | | no |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
