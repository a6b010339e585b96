"""`{% measure_picto measure.id %}`: the URL of a measure's pictogram (static/cyberdent/pictos/),
or of the generic one when the référentiel gains a measure that has none yet: a missing static
file would be a broken image, or a 500 with the production manifest storage."""

from __future__ import annotations

from functools import cache

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static

register = template.Library()

PICTOS = "cyberdent/pictos/"
GENERIC = PICTOS + "measure.svg"


@cache
def picto_path(measure_id: str) -> str:
    path = f"{PICTOS}{measure_id}.svg"
    return path if measure_id.isidentifier() and finders.find(path) else GENERIC


@register.simple_tag
def measure_picto(measure_id: str) -> str:
    return static(picto_path(measure_id))
