"""The diagnostic report as a PDF: the domain's DiagnosticReport laid out by report.typ."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cyberdent.documents.render import compile_pdf
from cyberdent.domain.french import date_label
from cyberdent.domain.report import DiagnosticReport

NEXT_STEPS = (
    "Commencez par les actions « À faire en priorité », avec votre prestataire si besoin.",
    "Affichez la fiche réflexe (le protocole en cas d’attaque) près des postes "
    "et présentez-la à l’équipe.",
    "Refaites le diagnostic dans trois mois pour mesurer vos progrès.",
)


def report_data(report: DiagnosticReport, *, today: dt.date) -> dict[str, Any]:
    a = report.assessment
    day = report.date or today
    practice = report.practice_name or ""
    return {
        "title": "Diagnostic de cybersécurité" + (f" — {practice}" if practice else ""),
        "subtitle": f"Diagnostic du {date_label(day)}",
        "date": date_label(day),
        "score": a.score,
        "max_score": a.max_score,
        "level_id": a.level.value,
        "level_label": a.level_info.label,
        "level_summary": a.verdict,
        "reasons": list(a.reasons),
        "priority_actions": [
            {"title": x.title, "who": x.who_label, "effort": x.effort}
            for x in report.priority_actions
        ],
        "answers": [
            {
                "number": r.number,
                "text": r.text,
                "answer_label": r.answer_label,
                "met": r.met,
                "answered": r.answer is not None,
                "critical": r.critical,
                "status_label": r.status_label,
            }
            for r in (*report.answer_rows, *report.complementary_rows)
        ],
        "groups": [
            {
                "heading": g.heading,
                "first_number": g.first_number,
                "actions": [
                    {
                        "title": x.title,
                        "why": x.why,
                        "steps": list(x.steps),
                        "who": x.who_label,
                        "effort": x.effort,
                        "to_verify": x.to_verify,
                    }
                    for x in g.actions
                ],
            }
            for g in report.action_groups
        ],
        "next_steps": list(NEXT_STEPS),
        "referential": f"{a.referential_id} {a.referential_version}",
    }


def render_report_pdf(report: DiagnosticReport, *, timestamp: dt.datetime | None = None) -> bytes:
    moment = timestamp or dt.datetime.now(dt.UTC)
    return compile_pdf("report.typ", report_data(report, today=moment.date()), timestamp=moment)
