# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make run   — venv, install, migrate SQLite under ./var/, collect static files, serve
#   make test  — the same set-up, then lint, format check, import contract, types, tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := cyberdent.config.settings

POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: run test test-postgres setup install migrate static lint check-migrations pytest clean \
	soak soak-short bench

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput -v 0

static: install
	$(BIN)/python manage.py collectstatic --noinput -v 0

setup: migrate static

# No access log: secret links (invitations, calendar feeds) would be written into it.
# The gunicorn config also starts the worker that sends the e-mail (and stops it on exit).
run: setup
	@echo "CyberDent: http://$(HOST):$(PORT)/"
	$(BIN)/gunicorn cyberdent.config.wsgi:application --bind $(HOST):$(PORT) --workers 2 \
		--config python:cyberdent.config.gunicorn_run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run -v 0

pytest: install
	$(BIN)/pytest

test: setup lint check-migrations pytest

# The whole suite again on PostgreSQL (pytest-django creates and drops a test database there).
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest

# Load without loss (reliability/load/): 50 simulated people for 5 minutes on SQLite, then on
# PostgreSQL + Redis; every acknowledged write is checked afterwards. soak-short runs in CI.
soak: install
	$(BIN)/python -m reliability.load.run --database sqlite --users 50 --seconds 300
	$(BIN)/python -m reliability.load.run --database postgres --users 50 --seconds 300

soak-short: install
	$(BIN)/python -m reliability.load.run --database sqlite --users 20 --seconds 45
	$(BIN)/python -m reliability.load.run --database postgres --users 20 --seconds 45

# Side-by-side benchmarks (bench/run_all.py; figures in docs/performance.md): public pages
# against a bare Django view under the same gunicorn, PDFs against WeasyPrint and headless
# Chromium, CLI start-up, a fresh worker's first request, worker memory, practice pages at
# 10 to 5,000 diagnostics. Needs wrk (installed here when run as root) and the `bench` extra.
bench: setup
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
		echo "wrk is missing (apt-get install wrk): the HTTP figures will be skipped"
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

# Crash test (reliability/crash_test.py, figures in docs/reliability.md): kill -9 of the gunicorn
# master or of a worker in the middle of write load, then restart and check the database, 20
# times on SQLite then on PostgreSQL (POSTGRES_URL: an admin database; the test creates its own).
.PHONY: crash-test crash-test-short
CRASH_KILLS ?= 20
crash-test: install
	$(BIN)/python reliability/crash_test.py --database sqlite --kills $(CRASH_KILLS)
	$(BIN)/python reliability/crash_test.py --database postgres --kills $(CRASH_KILLS) \
		--postgres-url $(POSTGRES_URL)

# The short version CI runs: 4 kills per database, about a minute each.
crash-test-short:
	$(MAKE) crash-test CRASH_KILLS=4
