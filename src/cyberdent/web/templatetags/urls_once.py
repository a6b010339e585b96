"""`{% url %}` as Django's, except that an address without arguments is reversed once per
process (for each URLconf, script prefix and current app) instead of at every render.

A result page wrote nine such addresses (the form, the report, the contribution…): reversing
them was about a tenth of its time (issue 14). Loaded as a template builtin (settings.TEMPLATES),
so it stands in for Django's tag in every template; with arguments it is Django's tag unchanged."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.base import Parser, Token
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

MAX_REVERSED = 1024  # the script prefix comes from the request: bounded like the fragments
_reversed: dict[tuple[Any, ...], str] = {}


def clear() -> None:
    _reversed.clear()


def _current_app(context: template.Context) -> str | None:
    """As Django's URLNode finds it."""
    request = getattr(context, "request", None)
    if request is None:
        return None
    current_app = getattr(request, "current_app", None)
    if current_app is not None:
        return str(current_app)
    match = getattr(request, "resolver_match", None)
    return None if match is None else match.namespace


class URLOnceNode(URLNode):
    def render(self, context: template.Context) -> str:
        if self.args or self.kwargs:
            return str(super().render(context))
        view_name = self.view_name.resolve(context)
        current_app = _current_app(context)
        # Outside a request get_urlconf() is None: the settings' URLconf, which a test may swap.
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        key = (view_name, current_app, urlconf, get_script_prefix())
        try:
            url = _reversed[key]
        except KeyError:
            try:
                url = reverse(view_name, current_app=current_app)
                if len(_reversed) >= MAX_REVERSED:
                    _reversed.clear()
                _reversed[key] = url
            except NoReverseMatch:
                if self.asvar is None:
                    raise
                url = ""  # as Django's: `{% url … as var %}` of no address sets ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return str(conditional_escape(url)) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> URLOnceNode:
    node = django_url(parser, token)
    return URLOnceNode(node.view_name, node.args, node.kwargs, node.asvar)
