"""The public pages of the observatory: the regional figures and the method. Everything shown
comes from a published Table (the k = 5 rule of domain.observatory.suppression)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cyberdent.domain.loader import default_referential
from cyberdent.domain.observatory.suppression import K
from cyberdent.domain.observatory.tables import Query
from cyberdent.observatory import selectors
from cyberdent.observatory.charts import group_rows, overview, period_label

PUBLIC_MONTHS = 12


@require_safe
def public(request: HttpRequest) -> HttpResponse:
    """The region's figures over the last 12 months (this month included)."""
    ref = default_referential()
    end = selectors.current_period()
    start = end.shifted(-(PUBLIC_MONTHS - 1))
    by_departement = selectors.observatory_table(
        ref=ref, query=Query(by=("departement",), start=start, end=end)
    )
    return render(
        request,
        "observatory/public.html",
        {
            "overview": overview(by_departement.total, ref),
            "departements": group_rows(by_departement),
            "period": period_label(start, end),
            "has_demo": selectors.observatory_has_demo(),
            "k": K,
        },
    )


@require_safe
def method(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "observatory/method.html",
        {"k": K, "questions": default_referential().questions},
    )
