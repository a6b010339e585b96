"""The team register and the diagnostic's evidence sentence."""

from __future__ import annotations

import datetime as dt

from cyberdent.domain.training.register import Session, register

TODAY = dt.date(2026, 12, 2)


def _session(member: int, days_ago: int, score: int = 9) -> Session:
    return Session(member, TODAY - dt.timedelta(days=days_ago), score, 10, score >= 8)


def test_who_trained_in_the_last_twelve_months() -> None:
    members = [(1, "Dr Martin"), (2, "Léa"), (3, "Samir"), (4, "Zoé")]
    sessions = [
        _session(1, 10),
        _session(1, 400),
        _session(2, 364),
        _session(3, 366),
        _session(9, 1),
    ]
    result = register(members, sessions, today=TODAY)
    assert [row.trained_recently for row in result.rows] == [True, True, False, False]
    assert [row.recent_sessions for row in result.rows] == [1, 1, 0, 0]
    assert result.rows[0].last is not None and result.rows[
        0
    ].last.finished_on == TODAY - dt.timedelta(days=10)
    assert result.rows[2].last is not None  # trained, but more than a year ago
    assert result.rows[3].last is None
    assert result.evidence == "2 membres sur 4 entraînés ces 12 derniers mois"


def test_the_evidence_sentence_agrees_in_number() -> None:
    assert (
        register([(1, "A")], [], today=TODAY).evidence
        == "0 membre sur 1 entraîné ces 12 derniers mois"
    )
    one = register([(1, "A"), (2, "B")], [_session(2, 3)], today=TODAY)
    assert one.evidence == "1 membre sur 2 entraîné ces 12 derniers mois"
