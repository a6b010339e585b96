"""Validation of raw answers against the référentiel."""

from __future__ import annotations

import pytest

from cyberdent.domain.answers import Answer, parse_answers
from cyberdent.domain.errors import AnswersError
from cyberdent.domain.referential_models import Referential
from tests.conftest import QUESTION_IDS, all_yes


def problems(ref: Referential, raw: dict[str, object]) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        parse_answers(ref, raw)
    return caught.value.problems


def test_valid_answers_are_kept_in_brochure_order(ref: Referential) -> None:
    raw = dict(reversed(list(all_yes(mfa="unknown", cyber_insurance="no").items())))
    answers = parse_answers(ref, raw)
    assert tuple(answers.scored) == QUESTION_IDS
    assert answers.scored["mfa"] is Answer.UNKNOWN
    assert answers.complementary == {"cyber_insurance": Answer.NO}


def test_unknown_question_id_is_named(ref: Referential) -> None:
    assert problems(ref, all_yes(antivirus="yes")) == ["unknown question id 'antivirus'"]


def test_missing_answer_is_named(ref: Referential) -> None:
    raw = all_yes()
    del raw["updates"]
    assert problems(ref, raw) == ["'updates': missing answer"]


def test_not_applicable_only_for_hds_hosting(ref: Referential) -> None:
    assert parse_answers(ref, all_yes(hds_hosting="not_applicable")).scored["hds_hosting"] is (
        Answer.NOT_APPLICABLE
    )
    [problem] = problems(ref, all_yes(passwords="not_applicable"))
    assert "'passwords'" in problem and "not allowed" in problem
    [problem] = problems(ref, all_yes(it_provider="not_applicable"))
    assert "'it_provider'" in problem


@pytest.mark.parametrize("value", ["oui", "", None, 1, 2.5, ["yes"]])
def test_values_other_than_the_allowed_ones_are_refused(ref: Referential, value: object) -> None:
    [problem] = problems(ref, {**all_yes(), "mfa": value})
    assert problem.startswith("'mfa': value")


def test_every_problem_is_reported_at_once(ref: Referential) -> None:
    raw: dict[str, object] = {"passwords": "maybe", "extra": "yes"}
    found = problems(ref, raw)
    assert len(found) == 2 + 10  # bad value, unknown id, 10 missing answers


def test_yaml_booleans_read_as_yes_and_no(ref: Referential) -> None:
    """An unquoted `yes` in a YAML file arrives as True (YAML 1.1): it means "yes"."""
    raw: dict[str, object] = {q.id: True for q in ref.questions}
    raw["mfa"] = False
    answers = parse_answers(ref, raw)
    assert answers.scored["passwords"] is Answer.YES
    assert answers.scored["mfa"] is Answer.NO
