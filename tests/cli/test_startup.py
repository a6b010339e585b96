"""The CLI starts fast because each command imports what it needs when it runs: a guard on the
modules loaded, not a timing (bench/bench_cli_startup.py measures the time).

Each check runs in a fresh interpreter, since this test session has imported everything."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cyberdent.cli.observatory import GROUPING_KEYS
from cyberdent.domain.observatory.tables import GROUPINGS
from tests.conftest import all_yes

# What `cyberdent --help` (the parser of every command) must not load: the PDF stack, Django and
# the database drivers, the e-mail checker, and the référentiel's loader (pydantic, YAML, rich).
HEAVY_FOR_HELP = (
    "pypdf",
    "typst",
    "django",
    "psycopg",
    "pydantic",
    "yaml",
    "rich",
    "cyberdent.documents",
    "cyberdent.domain.mailcheck",
    "cyberdent.domain.loader",
    "cyberdent.domain.observatory",
    "importlib.metadata",
    "tarfile",
)
# What `cyberdent diagnose` must not load: it needs the référentiel, not the PDFs nor Django.
HEAVY_FOR_DIAGNOSE = (
    "pypdf",
    "typst",
    "django",
    "psycopg",
    "cyberdent.documents",
    "cyberdent.domain.mailcheck",
    "cyberdent.domain.observatory",
)


def modules_after(code: str) -> set[str]:
    """The modules loaded once `code` has run in a fresh interpreter."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_the_parser_of_every_command_loads_nothing_heavy() -> None:
    modules = modules_after("from cyberdent.cli.main import build_parser\nbuild_parser()")
    assert loaded(modules, HEAVY_FOR_HELP) == []


def test_diagnose_loads_neither_the_pdf_stack_nor_django(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(all_yes()), encoding="utf-8")
    argv = ["diagnose", "--answers", str(answers)]
    modules = modules_after(
        "import contextlib, io\n"
        "from cyberdent.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0"
    )
    assert "cyberdent.domain.loader" in modules  # it did run
    assert loaded(modules, HEAVY_FOR_DIAGNOSE) == []


def test_the_help_names_the_observatory_groupings_the_command_accepts() -> None:
    assert GROUPING_KEYS == GROUPINGS
