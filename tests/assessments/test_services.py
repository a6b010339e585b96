"""diagnostic_save: one transaction for the diagnostic and its tracked plan."""

from __future__ import annotations

import pytest

from cyberdent.assessments import services
from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.referential_models import Referential
from tests.conftest import Personas, all_yes


def test_save_records_the_referential_and_links_the_previous(
    personas: Personas, ref: Referential, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple] = []
    real_sync = services.action_items_sync

    def spy(**kwargs):  # type: ignore[no-untyped-def]
        calls.append((kwargs["diagnostic"], kwargs["action_ids"], kwargs["previous"]))
        return real_sync(**kwargs)

    monkeypatch.setattr(services, "action_items_sync", spy)
    answers = parse_answers(ref, all_yes(backups="no", it_provider="yes", cyber_insurance="yes"))
    first = services.diagnostic_save(
        practice=personas.practice_a, user=personas.owner_a, answers=answers, referential=ref
    )
    second = services.diagnostic_save(
        practice=personas.practice_a, user=personas.owner_a, answers=answers, referential=ref
    )
    backups_action = next(q.action.id for q in ref.questions if q.id == "backups")
    assert calls == [(first, [backups_action], None), (second, [backups_action], first)]
    assert (first.referential_id, first.referential_version) == (ref.id, ref.version)
    assert first.answers == all_yes(backups="no", it_provider="yes", cyber_insurance="yes")
    # Another practice's diagnostic is never "the previous one".
    other = services.diagnostic_save(
        practice=personas.practice_b, user=personas.owner_b, answers=answers, referential=ref
    )
    assert calls[-1][2] is None and calls[-1][0] == other


def test_a_failing_plan_leaves_no_diagnostic(
    personas: Personas, ref: Referential, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("plan failed")

    monkeypatch.setattr(services, "action_items_sync", broken)
    with pytest.raises(RuntimeError):
        services.diagnostic_save(
            practice=personas.practice_a,
            user=personas.owner_a,
            answers=parse_answers(ref, all_yes()),
            referential=ref,
        )
    assert not SavedDiagnostic.objects.exists()
