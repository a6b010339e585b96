"""Plain-data form of an assessment, for the JSON output of the CLI and for exports."""

from __future__ import annotations

from typing import Any

from cyberdent.domain.assessment import Assessment
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.report import AnswerRow, build_report


def _row_to_dict(row: AnswerRow) -> dict[str, Any]:
    return {
        "question_id": row.question_id,
        "answer": row.answer.value if row.answer else None,
        "answer_label": row.answer_label,
        "status": row.status,
        "status_label": row.status_label,
    }


def assessment_to_dict(ref: Referential, assessment: Assessment) -> dict[str, Any]:
    report = build_report(ref, assessment)
    return {
        "referential": {
            "id": assessment.referential_id,
            "version": assessment.referential_version,
        },
        "score": assessment.score,
        "max_score": assessment.max_score,
        "risk_level": assessment.level.value,
        "risk_label": assessment.level_info.label,
        "critical_missing": list(assessment.critical_missing),
        "unknown": list(assessment.unknown),
        "verdict": assessment.verdict,
        "reasons": list(assessment.reasons),
        "answers": assessment.answers.as_dict(),
        # Labels as the web page and the PDF show them: « Je ne sais pas » is « ? À vérifier ».
        "statuses": [
            _row_to_dict(row) for row in (*report.answer_rows, *report.complementary_rows)
        ],
        "actions": [
            {
                "id": action.id,
                "title": action.title,
                "priority": action.priority.value,
                "question_ids": list(action.question_ids),
                "to_verify": action.to_verify,
                "why": action.why,
                "steps": list(action.steps),
                "who": action.who.value,
                "effort": action.effort,
                "measure": action.measure_id,
            }
            for action in assessment.actions
        ],
    }
