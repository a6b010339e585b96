"""allauth's rate limits live in the cache: each test starts with a clean count."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_rate_limits() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()
