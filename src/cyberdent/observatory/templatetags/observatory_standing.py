"""The observatory's place on other pages: the contribution box and « où en est votre cabinet »
under an anonymous result, and the practice dashboard's section. Nothing here is stored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from cyberdent.domain.answers import Answer
from cyberdent.domain.loader import default_referential
from cyberdent.domain.observatory.cohort import (
    DEPARTEMENT_NAMES,
    OTHER_DEPARTEMENT,
    departement_of,
)
from cyberdent.domain.observatory.comparison import comparison_lines, scope_label
from cyberdent.domain.roles import Permission, allows
from cyberdent.observatory.forms_contribution import ContributionForm
from cyberdent.observatory.selectors import (
    contribution_exists,
    current_period,
    is_union_staff,
    observatory_standing,
)
from cyberdent.observatory.slots import VISITOR_KEY, practice_contributor, visitor_contributor

register = template.Library()
register.filter("is_union_staff", is_union_staff)


def _comparison(departement: str, answers: Mapping[str, Answer] | None) -> dict[str, Any]:
    ref = default_referential()
    lines = comparison_lines(ref, observatory_standing(ref=ref, departement=departement), answers)
    return {
        "lines": lines,
        "any_sentence": any(line.sentence for line in lines),
        "scope": scope_label(departement),
    }


@register.inclusion_tag("observatory/_result_box.html", takes_context=True)
def observatory_result_box(context: Any, token: str, answers: Mapping[str, Answer]) -> Any:
    request = context["request"]
    chosen = request.GET.get("departement", "")
    departement = chosen if chosen in DEPARTEMENT_NAMES else OTHER_DEPARTEMENT
    visitor = request.session.get(VISITOR_KEY)
    period = current_period()
    contributed = isinstance(visitor, str) and contribution_exists(
        contributor=visitor_contributor(visitor), period=period
    )
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "token": token,
        "form": ContributionForm(),
        "contributed": contributed,
        "period": period,
        "chosen": departement if chosen in DEPARTEMENT_NAMES else "",
        "departements": ContributionForm.base_fields["departement"].choices,
        **_comparison(departement, answers),
    }


@register.inclusion_tag("observatory/_practice_section.html", takes_context=True)
def observatory_practice_section(
    context: Any, access: Any, answers: Mapping[str, Answer] | None
) -> Any:
    practice = access.practice
    period = current_period()
    return {
        "csrf_token": context.get("csrf_token"),
        "practice": practice,
        "has_diagnostic": answers is not None,
        "contributed": contribution_exists(
            contributor=practice_contributor(practice), period=period
        ),
        "period": period,
        "can_withdraw": allows(access.role, Permission.MANAGE_SETTINGS),
        **_comparison(departement_of(practice.department), answers),
    }
