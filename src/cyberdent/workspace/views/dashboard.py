"""The practice's dashboard: its name, the person's role, cards to the practice's pages, and
how the practice compares with the others of its département."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cyberdent.assessments.selectors import diagnostic_latest_summary
from cyberdent.domain.roles import ROLE_DESCRIPTIONS, ROLE_LABELS, Permission
from cyberdent.phishing.selectors import training_evidence
from cyberdent.practices.access import PracticeAccess, practice_view


@require_safe
@practice_view(Permission.VIEW)
def dashboard(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    # Read once for the diagnostic card and « Où en est votre cabinet ».
    latest = diagnostic_latest_summary(practice=access.practice)
    evaluated = latest.evaluated
    return render(
        request,
        "workspace/dashboard.html",
        {
            "access": access,
            "practice": access.practice,
            "latest": latest,
            "role_label": ROLE_LABELS[access.role],
            "role_description": ROLE_DESCRIPTIONS[access.role],
            # « Où en est votre cabinet » compares the latest diagnostic's answers.
            "latest_answers": evaluated.answers.scored if evaluated is not None else None,
            "training_evidence": training_evidence(access),
        },
    )
