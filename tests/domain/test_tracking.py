"""Tracking rules: carry-over, progress, lateness, and what an update may not do."""

from __future__ import annotations

import datetime as dt

import pytest

from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.plan import Priority
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.tracking import (
    FAR_DUE_DATE_MESSAGE,
    NOT_A_MEMBER_MESSAGE,
    NOTE_MAX_LENGTH,
    PAST_DUE_DATE_MESSAGE,
    Status,
    TrackState,
    assignee_error,
    carry_over,
    due_date_error,
    is_overdue,
    note_error,
    progress,
    questions_to_confirm,
    update_errors,
)
from tests.conftest import all_yes
from tests.french import fr

TODAY = dt.date(2026, 11, 28)


def test_carry_over_keeps_still_needed_actions_and_drops_the_others() -> None:
    kept = TrackState(Status.IN_PROGRESS, assignee_id=7, due_date=TODAY, note="devis demandé")
    previous = {"act_backups": kept, "act_mfa": TrackState(Status.DONE)}
    result = carry_over(previous, ["act_backups", "act_wifi_separation"])
    assert result == {"act_backups": kept, "act_wifi_separation": TrackState()}
    assert list(result) == ["act_backups", "act_wifi_separation"]  # the new plan's order


def test_progress_counts_done_actions_in_words() -> None:
    p = progress([Status.DONE, Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE])
    assert (p.done, p.total, p.percent) == (2, 4, 50)
    assert p.label == "2 actions sur 4"
    assert p.sentence == "2 actions faites sur 4"
    one = progress([Status.DONE, Status.NOT_STARTED, Status.NOT_STARTED])
    assert (one.label, one.sentence, one.percent) == ("1 action sur 3", "1 action faite sur 3", 33)
    assert progress([]).label == "0 action sur 0"
    assert progress([]).percent == 100


@pytest.mark.parametrize(
    ("due", "status", "late"),
    [
        (dt.date(2026, 11, 27), Status.NOT_STARTED, True),
        (dt.date(2026, 11, 27), Status.IN_PROGRESS, True),
        (dt.date(2026, 11, 27), Status.DONE, False),
        (TODAY, Status.NOT_STARTED, False),
        (None, Status.NOT_STARTED, False),
    ],
)
def test_overdue_is_a_past_date_on_an_action_not_done(
    due: dt.date | None, status: Status, late: bool
) -> None:
    assert is_overdue(TrackState(status=status, due_date=due), TODAY) is late


@pytest.mark.parametrize(
    ("new", "previous", "error"),
    [
        (dt.date(2026, 11, 27), None, PAST_DUE_DATE_MESSAGE),
        (dt.date(2026, 11, 27), dt.date(2026, 12, 1), PAST_DUE_DATE_MESSAGE),
        (dt.date(2026, 11, 27), dt.date(2026, 11, 27), None),  # unchanged, even once passed
        (TODAY, None, None),
        (dt.date(2027, 1, 15), None, None),
        (None, dt.date(2026, 11, 1), None),  # removing the date is always allowed
        (dt.date(2036, 12, 31), None, None),  # within ten years
        (dt.date(2037, 1, 1), None, FAR_DUE_DATE_MESSAGE),  # a typing mistake, surely
        (dt.date(9999, 12, 31), None, FAR_DUE_DATE_MESSAGE),
    ],
)
def test_a_new_due_date_may_not_be_in_the_past(
    new: dt.date | None, previous: dt.date | None, error: str | None
) -> None:
    assert due_date_error(new, previous, TODAY) == error


def test_the_past_due_date_message_is_the_one_the_screens_show() -> None:
    assert fr("La date d'échéance ne peut pas être dans le passé.") == PAST_DUE_DATE_MESSAGE


def test_note_length_limit() -> None:
    assert NOTE_MAX_LENGTH == 2000
    assert note_error("") is None
    assert note_error("x" * 2000) is None
    message = note_error("x" * 10_000)
    assert message is not None
    assert "10000 caractères pour 2000 au maximum" in message


def test_assignee_must_be_a_member_or_nobody() -> None:
    assert assignee_error(None, {1, 2}) is None
    assert assignee_error(2, {1, 2}) is None
    assert assignee_error(99, {1, 2}) == NOT_A_MEMBER_MESSAGE


def test_update_errors_lists_every_broken_rule_by_field() -> None:
    previous = TrackState()
    bad = TrackState(assignee_id=99, due_date=dt.date(2020, 1, 1), note="x" * 2001)
    errors = update_errors(previous=previous, new=bad, today=TODAY, member_ids={1})
    assert set(errors) == {"assignee", "due_date", "note"}
    good = TrackState(Status.DONE, assignee_id=1, due_date=TODAY, note="ok")
    assert update_errors(previous=previous, new=good, today=TODAY, member_ids={1}) == {}


def test_only_scored_actions_suggest_confirming_an_answer(ref: Referential) -> None:
    # backups: critical; mfa: other gap; the two complementary questions are unanswered.
    plan = assess(ref, parse_answers(ref, all_yes(backups="no", mfa="no"))).actions
    by_priority = {a.priority: a for a in plan}
    assert questions_to_confirm(by_priority[Priority.CRITICAL]) == ("backups",)
    assert questions_to_confirm(by_priority[Priority.NORMAL]) == ("mfa",)
    assert questions_to_confirm(by_priority[Priority.COMPLEMENTARY]) == ()
    upkeep = assess(ref, parse_answers(ref, all_yes(cyber_insurance="yes", it_provider="yes")))
    assert {a.priority for a in upkeep.actions} == {Priority.MAINTAIN}
    assert all(questions_to_confirm(a) == () for a in upkeep.actions)
