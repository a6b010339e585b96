"""`make bench` is wired as the README says: the target exists and every benchmark it runs is
there and starts (the figures themselves are measured by `make bench`, never timed in CI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bench.run_all import BENCHES

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_sends_to_make_bench_and_its_figures() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`make bench`" in readme
    assert "make bench" in (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    dry_run = subprocess.run(
        ["make", "-n", "bench"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert dry_run.returncode == 0, dry_run.stderr
    assert "bench/run_all.py" in dry_run.stdout


@pytest.mark.parametrize("script", [script for script, _, _ in BENCHES])
def test_each_benchmark_starts(script: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout
