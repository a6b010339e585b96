"""Plain-data form of an assessment, for the JSON output of the CLI and for exports."""

from __future__ import annotations

from typing import Any

from cyberdent.domain.assessment import Assessment


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
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
        "reasons": list(assessment.reasons),
        "answers": assessment.answers.as_dict(),
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
