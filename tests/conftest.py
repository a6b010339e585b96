"""Shared fixtures: the real référentiel and quick answer builders."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cyberdent.domain.answers import Answers, parse_answers
from cyberdent.domain.loader import default_referential
from cyberdent.domain.referential_models import Referential

QUESTION_IDS = (
    "passwords",
    "mfa",
    "backups",
    "wifi_separation",
    "updates",
    "phishing_training",
    "auto_lock",
    "data_transfer",
    "hds_hosting",
    "physical_access",
    "crisis_protocol",
)


@pytest.fixture(scope="session")
def ref() -> Referential:
    return default_referential()


def all_yes(**overrides: str) -> dict[str, str]:
    """Raw answers: every scored question "yes", with some overridden."""
    raw = dict.fromkeys(QUESTION_IDS, "yes")
    raw.update(overrides)
    return raw


@pytest.fixture
def make_answers(ref: Referential) -> Callable[..., Answers]:
    def make(**overrides: str) -> Answers:
        return parse_answers(ref, all_yes(**overrides))

    return make
