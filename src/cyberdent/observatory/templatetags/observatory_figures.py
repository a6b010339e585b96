"""How a published figure is written on a page: a withheld one (None) is « moins de 5 »,
a count is « 1 234 », a share « 42 % » (narrow no-break spaces, see domain.french)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from cyberdent.domain.french import number_label, percent_label
from cyberdent.domain.observatory.suppression import K

register = template.Library()

WITHHELD = f"moins de {K}"
# A share (« 42 % ») withheld: « moins de 5 » alone could read as « less than 5 % ».
WITHHELD_SHARE = f"moins de {K} réponses"


def _withheld(text: str = WITHHELD) -> SafeString:
    return format_html('<span class="withheld">{}</span>', text)


@register.filter
def figure(value: int | None) -> str:
    """A count, or « moins de 5 » when the rule withholds it (or there is nothing to count)."""
    if value is None:
        return _withheld()
    return number_label(int(value))


@register.filter
def share(value: float | None) -> str:
    """A share of a figure's own base, or « moins de 5 réponses »."""
    if value is None:
        return _withheld(WITHHELD_SHARE)
    return percent_label(float(value))


@register.filter
def number(value: int) -> str:
    """A count that is always published (a base, a file's size): « 1 234 »."""
    return number_label(int(value))
