"""CyberDent's settings with the bare URLconf; BENCH_BARE_MIDDLEWARE=0 makes it a bare Django
project (no middleware, no apps): the issue's first reference."""

import os

from cyberdent.config.settings import *  # noqa: F403 — the same settings, on purpose

ROOT_URLCONF = "bench.bare.urls"
if os.environ.get("BENCH_BARE_MIDDLEWARE", "1") == "0":
    MIDDLEWARE: list[str] = []
    INSTALLED_APPS: list[str] = []
