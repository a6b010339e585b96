"""Side-by-side HTTP benchmark: CyberDent's public pages against a bare Django view, each served
as `make run` serves it (gunicorn, 2 sync workers, cyberdent.config.gunicorn_run), loaded by wrk.

Run: .venv/bin/python bench/bench_http.py [--seconds 5] [--rounds 3] [--requests 20000]
Needs wrk (Debian: apt-get install -y wrk); without it the throughput and memory parts are
skipped with a message.

- Throughput: the result page (50 different answer sets, so nothing is served from a cache of
  one page) and the diagnostic form page, against the bare view of bench/bare/ with the same
  middleware stack, and with none. wrk, 2 threads, 16 connections; rounds interleaved
  A/B/C/C/B/A so that the machine's load touches all alike; ratios come from one run.
- The first request served by a fresh server: a new gunicorn each time, the request sent once
  both workers are up.
- Memory: a fresh server, then N mixed requests (pages, result pages and PDF reports), then
  the RSS (and PSS, shared pages counted once) of each worker.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"

from bench.interleave import Spread, spread  # noqa: E402
from bench.summary import Figure, record  # noqa: E402

HOST = "127.0.0.1"
WRK = shutil.which("wrk") or "wrk"
ANSWER_SETS = 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """One gunicorn master as `make run` starts it, serving `app` with `env`."""

    app: str
    env: dict[str, str]
    log: Path | None = None
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        self.port = free_port()
        command = [str(BIN / "gunicorn"), self.app, "--bind", f"{HOST}:{self.port}"]
        command += ["--workers", "2", "--config", "python:cyberdent.config.gunicorn_run"]
        self.process = subprocess.Popen(  # noqa: S603 — our own gunicorn
            command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("ab") if self.log else subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while len(self.workers()) < 2:
            if time.monotonic() > deadline or self.process.poll() is not None:
                log = self.log.read_text()[-3000:] if self.log else ""
                raise RuntimeError(f"gunicorn did not start: {' '.join(command)}\n{log}")
            time.sleep(0.05)
        while True:  # the listening socket is open once the master is set up
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        time.sleep(1.0)  # let the workers finish booting, as a server waiting for its visitors

    def workers(self) -> list[int]:
        """The gunicorn workers (not the e-mail worker the config starts beside them)."""
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            pids = [int(p) for p in children.read_text().split()]
        except OSError:
            return []
        return [p for p in pids if b"db_worker" not in _cmdline(p)]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def memory_mib(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process, MiB."""
    lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    fields = dict(line.split(":", 1) for line in lines)
    rss, pss = (int(fields[k].split()[0]) / 1024 for k in ("Rss", "Pss"))
    return rss, pss


def prepare(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "CYBERDENT_DATA_DIR": str(data_dir)}
    env["DJANGO_SETTINGS_MODULE"] = "cyberdent.config.settings"
    env["PYTHONPATH"] = str(ROOT)
    for command in (["migrate", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([str(BIN / "python"), "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
    return env


def result_paths(env: dict[str, str]) -> list[str]:
    """Paths of the result pages of ANSWER_SETS different answer sets (signed like the app's)."""
    code = f"""
import random
from cyberdent.diagnostic.tokens import encode_answers
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.loader import default_referential
from urllib.parse import quote
ref = default_referential()
rng = random.Random(14)
for _ in range({ANSWER_SETS}):
    raw = {{q.id: rng.choice(["yes", "no", "unknown"]) for q in ref.questions}}
    print("/diagnostic/resultat/?r=" + quote(encode_answers(ref, parse_answers(ref, raw))))
"""
    out = subprocess.run(  # noqa: S603
        [str(BIN / "python"), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line for line in out.split() if line.startswith("/diagnostic/")]


LUA_PATHS = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
response = function(status, headers, body)
  if status ~= 200 then io.write("status " .. status .. "\\n") end
end
"""


def wrk(base: str, paths: list[str], seconds: float, script_dir: Path) -> dict:
    script = script_dir / f"paths{abs(hash(tuple(paths)))}.lua"
    script.write_text(LUA_PATHS % ", ".join(f'"{p}"' for p in paths))
    out = subprocess.run(  # noqa: S603
        [WRK, "-t2", "-c16", f"-d{seconds:g}s", "--latency", "-s", str(script), base],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "status " in out:
        raise RuntimeError(f"non-200 answers from {base}: {out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    assert p99 is not None
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return {"rps": rps, "p99": float(p99.group(1)) * scale}


def throughput(args: argparse.Namespace, env: dict[str, str], work: Path) -> None:
    results = result_paths(env)
    log = work / "gunicorn.log"
    page = Server("cyberdent.config.wsgi:application", env, log)
    bare_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    bare = Server("bench.bare.wsgi:application", bare_env, log)
    plain = Server("bench.bare.wsgi:application", {**bare_env, "BENCH_BARE_MIDDLEWARE": "0"}, log)
    servers = [page, bare, plain]
    try:
        for server in servers:
            server.start()
        for name, paths in (("result page", results), ("diagnostic form page", ["/diagnostic/"])):
            runs: dict[str, list[dict]] = {"page": [], "bare": [], "plain": []}
            order = [("page", page, paths), ("bare", bare, ["/"]), ("plain", plain, ["/"])]
            wrk(page.base, paths, 1, work)  # warm-up, as a server that has served before
            for _ in range(args.rounds):
                for key, server, p in [*order, *reversed(order)]:
                    runs[key].append(wrk(server.base, p, args.seconds, work))
            report_throughput(name, runs)
    finally:
        for server in servers:
            server.stop()


BEFORE = {
    "result page": ("11 %", "≈ 14 %", "40–80 ms"),
    "diagnostic form page": ("6 %", "", ""),
}
# Why a goal is not met, when it is not (the figures behind it: docs/performance.md).
WHY_NOT = {
    "result page": (
        "each visitor's answers make their own page (3^11 answer sets): the score, the plan and "
        "the regional comparison are computed and Django's template engine walks the page at "
        "every request; the référentiel's parts (actions, answer rows, header, footer) come from "
        "the fragment cache (bench/bench_diagnostic.py prints where the rest goes). 50 % would "
        "need the whole page kept per answer set, which real visitors, each with their own "
        "answers, would seldom reuse: not done."
    ),
    "diagnostic form page": (
        "the questions come from the fragment cache; what is left per request is the CSRF token "
        "(a new secret and its cookie for a visitor without one, as wrk is; a new mask on every "
        "page), the middleware and the page around the fragments, and a 24 kB page where the "
        "bare view sends a few bytes."
    ),
    "p99": (
        "16 connections share 2 sync workers: a request waits for those ahead of it (Little's "
        "law: mean wait ≈ 16 / throughput), so p99 falls only with the throughput above."
    ),
}


def report_throughput(name: str, runs: dict[str, list[dict]]) -> None:
    rps = {k: spread([r["rps"] for r in v]) for k, v in runs.items()}
    # Ratios per pair of runs of the same round position (A/B/C/C/B/A): same machine load.
    vs_bare = spread(
        [p["rps"] / b["rps"] * 100 for p, b in zip(runs["page"], runs["bare"], strict=True)]
    )
    vs_plain = spread(
        [p["rps"] / b["rps"] * 100 for p, b in zip(runs["page"], runs["plain"], strict=True)]
    )
    p99 = spread([r["p99"] for r in runs["page"]])
    print(f"{name}:")
    print(f"  CyberDent                      {rps['page']} requests/s, p99 {p99} ms")
    print(f"  bare view, same middleware     {rps['bare']} requests/s")
    print(f"  bare view, no middleware       {rps['plain']} requests/s")
    print(f"  ratio to bare + middleware     {vs_bare} %")
    print(f"  ratio to bare view             {vs_plain} %")
    before_plain, before_bare, before_p99 = BEFORE[name]
    record(
        Figure(
            what=f"{name} throughput vs a bare Django view with the same middleware",
            before=before_bare or f"{before_plain} of a bare view",
            now=f"{vs_bare.median:.0f} % ({vs_plain.median:.0f} % of a bare view)",
            goal="≥ 50 %",
            met=vs_bare.median >= 50,
            note=WHY_NOT[name],
        )
    )
    if before_p99:
        record(
            Figure(
                what=f"p99 of the {name} at 16 connections",
                before=before_p99,
                now=f"{p99.median:.1f} ms",
                goal="< 25 ms",
                met=p99.median < 25,
                note=WHY_NOT["p99"],
            )
        )


def first_request(args: argparse.Namespace, env: dict[str, str], work: Path) -> None:
    path = result_paths(env)[0]
    samples = []
    for _ in range(args.cold_runs):
        server = Server("cyberdent.config.wsgi:application", env, log=work / "gunicorn.log")
        try:
            server.start()
            host = {"Host": f"{HOST}:{server.port}"}
            request = urllib.request.Request(server.base + path, headers=host)  # noqa: S310
            start = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
            samples.append((time.perf_counter() - start) * 1000)
        finally:
            server.stop()
    cold: Spread = spread(samples)
    print(f"first request of a fresh server (result page)  {cold} ms  ({len(samples)} servers)")
    record(
        Figure(
            what="first request served by a fresh worker",
            before="440–650 ms",
            now=f"{cold.median:.0f} ms (max {cold.high:.0f})",
            goal="< 50 ms",
            met=cold.high < 50,
        )
    )


def get(server: Server, path: str) -> int:
    request = urllib.request.Request(server.base + path, headers={"Host": f"{HOST}:{server.port}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        response.read()
        return int(response.status)


def memory(args: argparse.Namespace, env: dict[str, str], work: Path) -> None:
    results = result_paths(env)
    # One request in ten is a PDF report, as a busy day of results printed.
    reports = [p.replace("/resultat/", "/rapport.pdf") for p in results[:5]]
    mixed = ["/", "/diagnostic/", "/mesures/", "/incident/", *results[:30]]
    paths = [*mixed, *reports]
    server = Server("cyberdent.config.wsgi:application", env, work / "gunicorn.log")
    try:
        server.start()
        before = [memory_mib(pid) for pid in server.workers()]
        start = time.perf_counter()
        sent = [paths[i % len(paths)] for i in range(args.requests)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = Counter(pool.map(lambda path: get(server, path), sent))
        elapsed = time.perf_counter() - start
        if set(statuses) != {200}:
            raise RuntimeError(f"answers other than 200: {dict(statuses)}")
        after = [memory_mib(pid) for pid in server.workers()]
    finally:
        server.stop()
    rss = max(r for r, _ in after)
    print(
        f"worker memory, fresh: RSS {', '.join(f'{r:.0f}' for r, _ in before)} MiB; after "
        f"{args.requests:,} mixed requests ({len(reports)} of {len(paths)} paths PDFs, "
        f"{elapsed:.0f} s): RSS {', '.join(f'{r:.0f}' for r, _ in after)} MiB, "
        f"PSS {', '.join(f'{p:.0f}' for _, p in after)} MiB"
    )
    record(
        Figure(
            what=f"worker RSS after {args.requests:,} mixed requests with PDFs",
            before="121–183 MiB",
            now=f"{rss:.0f} MiB (PSS {max(p for _, p in after):.0f})",
            goal="< 120 MiB",
            met=rss < 120,
            note=(
                f"a worker's RSS counts the app that the master loaded once and shares with it "
                f"(a fresh worker: {max(r for r, _ in before):.0f} MiB RSS); what it adds while "
                f"serving is its own caches (the fragments, typst's fonts and memoised layouts "
                f"after PDFs) and the allocator's free pools. Counted once, the shared pages "
                f"leave {max(p for _, p in after):.0f} MiB (PSS)."
            ),
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--only", choices=["throughput", "cold", "memory"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cyberdent-bench-") as tmp:
        work = Path(tmp)
        env = prepare(work / "data")
        if args.only in (None, "cold"):
            first_request(args, env, work)
        if shutil.which(WRK) is None:
            print("wrk is not installed (apt-get install -y wrk): throughput and memory skipped")
            return
        if args.only in (None, "throughput"):
            throughput(args, env, work)
        if args.only in (None, "memory"):
            memory(args, env, work)


if __name__ == "__main__":
    main()
