"""A saved diagnostic's report as a PDF, computed with the référentiel version it was made with."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from cyberdent.assessments.models import SavedDiagnostic
from cyberdent.assessments.selectors import diagnostic_evaluate
from cyberdent.documents.report_pdf import render_report_pdf
from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess, practice_view
from cyberdent.web.views import file_slug, pdf_response


@require_safe
@practice_view(Permission.VIEW)
def diagnostic_report_pdf(
    request: HttpRequest, access: PracticeAccess, diagnostic_id: int
) -> HttpResponse:
    saved = get_object_or_404(SavedDiagnostic, practice=access.practice, pk=diagnostic_id)
    evaluated = diagnostic_evaluate(saved)
    if evaluated is None:
        # Same message as the result page: its référentiel version is no longer shipped.
        return render(
            request,
            "web/error.html",
            {
                "title": "Ce rapport ne peut pas être produit",
                "message": (
                    f"Le diagnostic a été fait avec la version {saved.referential_version} du "
                    "référentiel, qui n’est plus disponible sur ce serveur. Signalez-le à "
                    "l’administrateur de CyberDent."
                ),
            },
        )
    pdf = render_report_pdf(evaluated.report(access.practice.name))
    slug = file_slug(access.practice.name)
    return pdf_response(pdf, f"diagnostic-{slug}-{evaluated.date:%Y-%m-%d}.pdf")
