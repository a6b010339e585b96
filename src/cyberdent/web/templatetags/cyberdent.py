"""Template helpers: show the sources and status of the facts a block of content states."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from cyberdent.domain.loader import default_referential
from cyberdent.domain.referential_models import FactStatus
from cyberdent.web.people import person

register = template.Library()

STATUS_LABELS = {
    FactStatus.CONFIRMED: "vérifié",
    FactStatus.CORRECTED: "corrigé par rapport à la brochure",
    FactStatus.UNVERIFIED: "non vérifié",
}


@register.inclusion_tag("web/includes/sources.html")
def sources(fact_ids: Iterable[str], title: str = "Sources") -> dict[str, Any]:
    facts = {fact.id: fact for fact in default_referential().facts}
    shown = [facts[fact_id] for fact_id in dict.fromkeys(fact_ids) if fact_id in facts]
    return {
        "title": title,
        "facts": [
            {"fact": fact, "status_label": STATUS_LABELS[fact.status], "status": fact.status.value}
            for fact in shown
        ],
    }


@register.filter
def is_url(value: str) -> bool:
    return value.startswith(("https://", "http://"))


@register.filter
def tel(value: str) -> str:
    """A phone number as a tel: URI (digits and a leading +)."""
    return "".join(ch for ch in value if ch.isdigit() or ch == "+")


@register.filter(name="person")
def person_filter(user: Any) -> str:
    """{{ user|person }}: the display name, else the e-mail address."""
    return person(user)
