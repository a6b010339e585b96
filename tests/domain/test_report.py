"""The report object shared by the result page (and later the PDF)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.plan import Priority
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.report import build_report
from tests.conftest import QUESTION_IDS, all_yes


def test_groups_follow_the_plan_and_number_actions_across_the_plan(ref: Referential) -> None:
    answers = parse_answers(ref, all_yes(backups="no", passwords="unknown", mfa="no"))
    report = build_report(
        ref, assess(ref, answers), practice_name="Cabinet Dupont", date=dt.date(2026, 11, 28)
    )
    headings = [
        (g.priority, g.heading, g.first_number, len(g.actions)) for g in report.action_groups
    ]
    assert headings == [
        (Priority.CRITICAL, "À faire en priorité", 1, 2),
        (Priority.NORMAL, "Ensuite", 3, 1),
        (Priority.COMPLEMENTARY, "Mesures complémentaires", 4, 2),
    ]
    assert [a.question_ids for a in report.priority_actions] == [("passwords",), ("backups",)]
    assert report.practice_name == "Cabinet Dupont"


def test_answer_rows_say_je_ne_sais_pas_and_not_answered(ref: Referential) -> None:
    answers = parse_answers(ref, all_yes(backups="unknown", hds_hosting="not_applicable"))
    report = build_report(ref, assess(ref, answers))
    rows = {row.question_id: row for row in report.answer_rows}
    assert (rows["backups"].answer_label, rows["backups"].met) == ("Je ne sais pas", False)
    assert (rows["hds_hosting"].answer_label, rows["hds_hosting"].met) == ("Non concerné", True)
    assert [r.number for r in report.answer_rows] == list(range(1, 12))
    assert [(r.number, r.answer_label) for r in report.complementary_rows] == [
        (12, "Non renseigné"),
        (13, "Non renseigné"),
    ]


def test_without_critical_gap_the_first_action_is_the_priority(ref: Referential) -> None:
    report = build_report(ref, assess(ref, parse_answers(ref, all_yes(mfa="no"))))
    assert [a.id for a in report.priority_actions] == ["act_mfa"]


def test_je_ne_sais_pas_reads_a_verifier_never_a_missing_measure(ref: Referential) -> None:
    answers = parse_answers(ref, all_yes(backups="unknown", mfa="no"))
    rows = {row.question_id: row for row in build_report(ref, assess(ref, answers)).answer_rows}
    assert rows["backups"].status_label == "? À vérifier"
    assert rows["mfa"].status_label == "✗ À traiter"
    assert rows["passwords"].status_label == "✓ En place"


def test_starting_heading_counts_the_actions_there_are(ref: Referential) -> None:
    a = assess(ref, parse_answers(ref, dict.fromkeys(QUESTION_IDS, "no")))
    assert build_report(ref, a).starting_heading == "3 mesures pour commencer"
    assert build_report(ref, a).first_action == a.actions[0]
    two = dataclasses.replace(a, actions=a.actions[:2])
    assert build_report(ref, two).starting_heading == "2 mesures pour commencer"
    one = dataclasses.replace(a, actions=a.actions[:1])
    assert build_report(ref, one).starting_heading == "1 mesure pour commencer"
    assert build_report(ref, dataclasses.replace(a, actions=())).first_action is None
