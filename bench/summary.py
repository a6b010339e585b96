"""The figures a benchmark hands to the table `make bench` prints at the end.

Each benchmark prints its own detailed lines, then calls `record(...)` for each figure that the
summary table shows (issue 14's table: what, the figure before, the figure now, the goal). When
`make bench` runs it, BENCH_SUMMARY names a JSON-lines file that collects them; run alone, a
benchmark only prints."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Figure:
    what: str
    before: str  # the figure measured before the work of issue 14, as the issue gives it
    now: str  # measured in this run
    goal: str
    met: bool
    note: str = ""  # the reason when the goal is not met, or what the figure depends on


def record(figure: Figure) -> None:
    verdict = "met" if figure.met else "NOT met"
    print(f"  -> {figure.what}: {figure.now} (goal {figure.goal}: {verdict})")
    path = os.environ.get("BENCH_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(figure), ensure_ascii=False) + "\n")


def read_all(path: str) -> list[Figure]:
    with open(path, encoding="utf-8") as lines:
        return [Figure(**json.loads(line)) for line in lines if line.strip()]
