"""The incident dossier as a PDF/UA-1 document: summary, deadlines, timeline, report texts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cyberdent.documents.render import compile_pdf
from cyberdent.domain.incident import DeadlineStatus, Dossier, format_moment


def _lines(text: str) -> list[str]:
    return text.splitlines() or [""]


def dossier_data(
    dossier: Dossier,
    *,
    referential: str,
    portal_url: str,
    closed_at: dt.datetime | None = None,
    chain_hash: str | None = None,
) -> dict[str, Any]:
    """The template's data. `closed_at` defaults to the record's; `chain_hash` is the last
    hash of the journal's evidence chain, printed with how to check it."""
    r = dossier.record
    closed = closed_at or getattr(r, "closed_at", None)
    lessons = [
        {"question": q, "lines": _lines(a)}
        for q, a in (
            ("Que s’est-il passé ?", r.lessons_what_happened),
            ("Qu’est-ce qui aurait aidé ?", r.lessons_what_would_help),
        )
        if a
    ]
    return {
        "title": "Dossier d’incident de cybersécurité"
        + (f" — {r.practice_name}" if r.practice_name else ""),
        "subtitle": "Pour la plainte, l’assureur et le signalement. Aucune donnée patient.",
        "kind_label": dossier.kind_label,
        "discovered": format_moment(r.discovered_at),
        "closed": format_moment(closed) if closed else None,
        "patient_data_label": dossier.patient_data_label,
        "complaint_reference": r.complaint_reference or "(à compléter)",
        "affected_systems": _lines(r.affected_systems or "(à compléter)"),
        "contacted": _lines(r.contacted or "(à compléter)"),
        "deadlines": [
            {
                "title": d.title,
                # No clock for this card (not an attack, or notification not required).
                "due": None if d.status is DeadlineStatus.NOT_REQUIRED else format_moment(d.due_at),
                "status": d.status_label,
                "sentence": d.sentence,
                "overdue": d.overdue,
            }
            for d in dossier.deadlines
        ],
        "decision": list(dossier.decision.sentences) if dossier.decision else [],
        "timeline": [
            {
                "when": t.when,
                "kind": t.kind,
                "first": _lines(t.text)[0],
                "rest": _lines(t.text)[1:],
                "author": t.author,
            }
            for t in dossier.timeline
        ],
        "lessons": lessons,
        "portal_url": portal_url,
        "cert_subject": dossier.cert_subject,
        "cert_body": _lines(dossier.cert_body),
        "insurer_subject": dossier.insurer_subject,
        "insurer_body": _lines(dossier.insurer_body),
        "generated": format_moment(dossier.generated_at),
        "referential": referential,
        "chain_hash": chain_hash or None,
    }


def render_dossier_pdf(
    dossier: Dossier,
    *,
    referential: str,
    portal_url: str,
    timestamp: dt.datetime | None = None,
    closed_at: dt.datetime | None = None,
    chain_hash: str | None = None,
) -> bytes:
    data = dossier_data(
        dossier,
        referential=referential,
        portal_url=portal_url,
        closed_at=closed_at,
        chain_hash=chain_hash,
    )
    return compile_pdf(
        "incident_dossier.typ", data, timestamp=timestamp or dossier.generated_at.astimezone(dt.UTC)
    )
