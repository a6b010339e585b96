"""On the login and sign-up pages: is a diagnostic result waiting to be saved?"""

from __future__ import annotations

from typing import Any

from django import template

from cyberdent.assessments.views_public import pending_save_url

register = template.Library()


@register.simple_tag(takes_context=True)
def result_waiting(context: dict[str, Any]) -> bool:
    """True when the visitor came from « Enregistrer dans mon espace » (answers kept in session)."""
    request = context.get("request")
    return request is not None and pending_save_url(request) is not None
