"""The figures under a result (« où en est votre cabinet ») are kept per process and renewed by
every write of the blocks (selectors.observatory_standing, services.blocks_changed)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyberdent.domain.answers import Answer
from cyberdent.domain.referential_models import Referential
from cyberdent.observatory import selectors, services
from cyberdent.observatory.selectors import observatory_standing
from tests.observatory.test_public_views import add

pytestmark = pytest.mark.django_db


def _backups(ref: Referential) -> Any:
    return observatory_standing(ref=ref, departement="34")["backups"]


def test_a_second_read_does_not_read_the_blocks_again(ref: Referential) -> None:
    add(ref, 6)
    first = _backups(ref)
    with CaptureQueriesContext(connection) as queries:
        assert _backups(ref) == first
    assert not any("observatory_block" in q["sql"] for q in queries.captured_queries)


def test_a_new_contribution_shows_at_once(ref: Referential) -> None:
    add(ref, 5)
    before = _backups(ref)
    add(ref, 5, backups=Answer.NO)
    assert _backups(ref) != before


def test_clearing_demo_data_shows_at_once(ref: Referential) -> None:
    add(ref, 6, demo=True)
    assert "backups" in observatory_standing(ref=ref, departement="34")
    services.demo_clear()
    assert "backups" not in observatory_standing(ref=ref, departement="34")


def test_another_workers_write_shows_within_a_second(
    ref: Referential, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]  # this process's clock, moved by hand: the test does not depend on speed
    monkeypatch.setattr(selectors.time, "monotonic", lambda: clock[0])
    add(ref, 5)
    before = _backups(ref)
    seen = selectors._generation  # what a worker that did not make the next write holds
    add(ref, 5, backups=Answer.NO)  # another worker's write: a new generation in the cache
    selectors._generation = seen
    assert _backups(ref) == before  # this worker still reads its generation…
    clock[0] += selectors.GENERATION_TTL_SECONDS + 0.1
    assert _backups(ref) != before  # …for a second at most
