"""The union staff's pages: the dashboard, the CSV/JSON export, the import of paper
questionnaires. Every view is a `staff_view` (union staff with two-factor login); every figure
comes from a published Table, so staff see aggregates only, never one contribution.

The import is upload → preview → confirm; every POST ends in a redirect. Between the preview
and the import, the file's text waits in the session (at most forms.MAX_UPLOAD_BYTES), with a
digest that the confirm button carries: the file imported is the file previewed.
"""

from __future__ import annotations

import csv
import hashlib
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from cyberdent.domain.french import count_of, number_label, typography
from cyberdent.domain.loader import default_referential
from cyberdent.domain.observatory.blocks import Contribution, tally
from cyberdent.domain.observatory.cohort import DEPARTEMENT_NAMES, SIZE_BAND_NAMES
from cyberdent.domain.observatory.export import csv_rows, json_document
from cyberdent.domain.observatory.paper import PaperImportError, decode, read_paper_csv
from cyberdent.domain.observatory.suppression import K
from cyberdent.domain.observatory.tables import Query
from cyberdent.domain.referential_models import Referential
from cyberdent.observatory import selectors, services
from cyberdent.observatory.access import staff_view
from cyberdent.observatory.charts import (
    LEVEL_WORDS,
    group_rows,
    month_chart,
    overview,
    period_label,
)
from cyberdent.observatory.forms import BY_CHOICES, MAX_UPLOAD_LABEL, PaperUploadForm, PeriodForm

DEFAULT_MONTHS = 12
PENDING = "observatory_import_pending"
REFUSED = "observatory_import_refused"
SAMPLE_ROWS = 10


def _default_filter() -> dict[str, Any]:
    end = selectors.current_period()
    return {"du": str(end.shifted(-(DEFAULT_MONTHS - 1))), "au": str(end), "par": ["departement"]}


def _filter(request: HttpRequest) -> PeriodForm:
    """The filter of the query string; without one, the last 12 months."""
    data = request.GET if request.GET else _default_filter()
    return PeriodForm(data, today=selectors.current_period())


@require_safe
@staff_view
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    form = _filter(request)
    context: dict[str, Any] = {
        "form": form,
        "has_demo": selectors.observatory_has_demo(),
        "k": K,
        "by_choices": BY_CHOICES,
        "by_checked": form["par"].value() or [],
    }
    if form.is_valid():
        ref = default_referential()
        query = form.query(by=())
        start, end = query.start, query.end
        by_month, by_departement, by_size = selectors.observatory_tables(
            ref=ref,
            queries=[
                Query(by=(key,), start=start, end=end)
                for key in ("period", "departement", "size_band")
            ],
        )
        context.update(
            {
                "period": period_label(start, end),
                "overview": overview(by_month.total, ref),
                "months": month_chart(by_month),
                "departements": group_rows(by_departement),
                "sizes": group_rows(by_size),
            }
        )
    return render(request, "observatory/staff_dashboard.html", context)


def _export_query(request: HttpRequest) -> Query | HttpResponse:
    form = _filter(request)
    if form.is_valid():
        return form.query()
    problems = [str(e) for errors in form.errors.values() for e in errors]
    return render(
        request,
        "web/error.html",
        {
            "title": "L’export n’a pas pu être préparé",
            "message": " ".join(problems)
            + " Revenez au tableau de bord de l’observatoire pour corriger la période.",
        },
        status=400,
    )


def _filename(query: Query, extension: str) -> str:
    parts = ["observatoire", str(query.start or "debut"), str(query.end or "aujourdhui")]
    if query.by:
        parts.append("par-" + "-".join(query.by).replace("_", "-"))
    return "_".join(parts) + "." + extension


@require_safe
@staff_view
def staff_export_csv(request: HttpRequest) -> HttpResponse:
    """The CLI's CSV: one row per group, then the total; a withheld figure is an empty field.
    Written as plain UTF-8 without a byte-order mark: every cell is a code, a month or a number
    (ASCII), so any spreadsheet or script reads it as it is, and it is byte for byte the CLI's."""
    query = _export_query(request)
    if isinstance(query, HttpResponse):
        return query
    ref = default_referential()
    table = selectors.observatory_table(ref=ref, query=query)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(query, "csv")}"'
    csv.writer(response, lineterminator="\n").writerows(
        csv_rows(table, [q.id for q in ref.questions])
    )
    return response


@require_safe
@staff_view
def staff_export_json(request: HttpRequest) -> HttpResponse:
    """The same table as JSON: a withheld figure is null."""
    query = _export_query(request)
    if isinstance(query, HttpResponse):
        return query
    ref = default_referential()
    table = selectors.observatory_table(ref=ref, query=query)
    response = JsonResponse(
        json_document(table, [q.id for q in ref.questions]),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(query, "json")}"'
    return response


# --- Import of paper questionnaires -------------------------------------------------------


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _read(text: str, ref: Referential) -> list[Contribution]:
    return read_paper_csv(text, ref, today=selectors.current_period())


def _problems(exc: PaperImportError) -> list[str]:
    """« ligne N : raison », in French typography."""
    return [typography(str(problem)) for problem in exc.problems]


def _refuse(request: HttpRequest, *, name: str, errors: list[str], total: int = 0) -> None:
    request.session.pop(PENDING, None)
    request.session[REFUSED] = {"name": name, "errors": errors, "total": total or len(errors)}


def _upload(request: HttpRequest, ref: Referential) -> HttpResponse:
    form = PaperUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [str(e) for errors in form.errors.values() for e in errors]
        _refuse(request, name="", errors=errors)
        return redirect("observatory:staff_import")
    upload = form.cleaned_data["fichier"]
    name = str(upload.name)[:120]
    text = decode(upload.read())
    try:
        _read(text, ref)
    except PaperImportError as exc:
        _refuse(request, name=name, errors=_problems(exc), total=exc.total)
        return redirect("observatory:staff_import")
    request.session.pop(REFUSED, None)
    request.session[PENDING] = {"name": name, "text": text, "digest": _digest(text)}
    return redirect("observatory:staff_import")


def _confirm(request: HttpRequest, ref: Referential) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending or request.POST.get("fichier") != pending.get("digest"):
        messages.warning(
            request,
            "Ce fichier n’est plus en attente (déjà importé, annulé ou remplacé par un "
            "autre)\u202f: rien n’a été importé. Vérifiez le fichier ci-dessous.",
        )
        return redirect("observatory:staff_import")
    try:
        contributions = _read(pending["text"], ref)
    except PaperImportError as exc:
        _refuse(request, name=pending["name"], errors=_problems(exc), total=exc.total)
        return redirect("observatory:staff_import")
    count = services.contributions_import(ref=ref, contributions=contributions)
    request.session.pop(PENDING, None)
    messages.success(
        request,
        f"{count_of(count, 'questionnaire')} de «\u202f{pending['name']}\u202f» "
        f"{'importé' if count <= 1 else 'importés'}. Ils comptent désormais dans les chiffres, "
        f"avec la même règle\u202f: aucun chiffre de moins de {K}.",
    )
    return redirect("observatory:staff_dashboard")


def _preview(contributions: list[Contribution], ref: Referential) -> dict[str, Any]:
    periods = sorted({c.period for c in contributions})
    sample = []
    for c in contributions[:SAMPLE_ROWS]:
        one = tally(ref, c.answers)
        sample.append(
            {
                "departement": DEPARTEMENT_NAMES.get(c.departement, c.departement),
                "size_band": SIZE_BAND_NAMES.get(c.size_band, c.size_band),
                "period": c.period.label,
                "met": len(one.met),
                "level": LEVEL_WORDS[one.level],
            }
        )
    return {
        "count": len(contributions),
        "count_label": number_label(len(contributions)),
        "period": period_label(periods[0], periods[-1]) if periods else "",
        "departements": len({c.departement for c in contributions}),
        "sample": sample,
        "max_score": len(ref.questions),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def staff_import(request: HttpRequest) -> HttpResponse:
    ref = default_referential()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "importer":
            return _confirm(request, ref)
        if action == "annuler":
            had = request.session.pop(PENDING, None) is not None
            request.session.pop(REFUSED, None)
            if had:
                messages.info(request, "Import annulé\u202f: rien n’a été importé.")
            return redirect("observatory:staff_import")
        return _upload(request, ref)
    context: dict[str, Any] = {
        "form": PaperUploadForm(),
        "refused": request.session.pop(REFUSED, None),
        "questions": [q.id for q in ref.questions],
        "max_upload": MAX_UPLOAD_LABEL,
        "today": selectors.current_period(),
        "dashboard": reverse("observatory:staff_dashboard"),
    }
    pending = request.session.get(PENDING)
    if pending:
        try:
            contributions = _read(pending["text"], ref)
        except PaperImportError as exc:  # e.g. read again after a change of référentiel
            request.session.pop(PENDING, None)
            context["refused"] = {
                "name": pending["name"],
                "errors": _problems(exc),
                "total": exc.total,
            }
        else:
            context["pending"] = {"name": pending["name"], "digest": pending["digest"]}
            context["preview"] = _preview(contributions, ref)
    return render(request, "observatory/staff_import.html", context)
