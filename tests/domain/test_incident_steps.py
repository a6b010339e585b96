"""A step "fait à 10 h 00": the real time, checked, and when it was noted."""

from __future__ import annotations

import datetime as dt

import pytest

from cyberdent.domain.incident import (
    PARIS,
    IncidentError,
    IncidentKind,
    IncidentRecord,
    PatientData,
    record_from_dict,
    record_to_dict,
    record_with_step,
    timeline,
    validate_done_at,
)

DISCOVERED = dt.datetime(2026, 11, 30, 8, 0, tzinfo=PARIS)
NOW = dt.datetime(2026, 11, 30, 10, 25, tzinfo=PARIS)


def test_a_time_between_discovery_and_now_is_accepted() -> None:
    done = dt.datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
    assert validate_done_at(done, discovered_at=DISCOVERED, now=NOW) == done


@pytest.mark.parametrize(
    ("done", "message"),
    [
        (dt.datetime(2026, 11, 30, 11, 0, tzinfo=PARIS), "dans le futur"),
        (dt.datetime(2026, 11, 30, 7, 59, tzinfo=PARIS), "avant la découverte"),
    ],
)
def test_a_time_in_the_future_or_before_discovery_is_refused(
    done: dt.datetime, message: str
) -> None:
    with pytest.raises(IncidentError, match=message):
        validate_done_at(done, discovered_at=DISCOVERED, now=NOW)


def test_both_times_are_kept_and_shown_in_the_timeline() -> None:
    record = IncidentRecord(
        kind=IncidentKind.RANSOMWARE, discovered_at=DISCOVERED, patient_data=PatientData.NO
    )
    done = dt.datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
    record = record_with_step(record, "isolate", done, NOW)
    again = record_from_dict(record_to_dict(record), ["isolate"])
    assert again.steps[0].done_at == done and again.steps[0].recorded_at == NOW
    [item] = [i for i in timeline(again, {"isolate": "Isolez"}) if i.kind == "step"]
    assert item.at == done
    assert "Isolez" in item.text and "noté le" in item.text and "10 h 25" in item.text


def test_a_step_noted_at_once_says_nothing_more() -> None:
    record = IncidentRecord(
        kind=IncidentKind.RANSOMWARE, discovered_at=DISCOVERED, patient_data=PatientData.NO
    )
    record = record_with_step(record, "isolate", NOW)
    [item] = [i for i in timeline(record, {"isolate": "Isolez"}) if i.kind == "step"]
    assert "noté" not in item.text
