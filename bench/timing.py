"""The timing shared by the benchmarks: a warm-up call, then the median and the 95th
percentile of `runs` calls, wall clock, in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timings(func: Callable[[], object], runs: int) -> tuple[float, float]:
    func()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    samples.sort()
    p95 = samples[max(int(len(samples) * 0.95) - 1, 0)]
    return statistics.median(samples) * 1000, p95 * 1000
