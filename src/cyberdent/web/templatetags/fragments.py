"""`{% fragment "name" key… [skip=condition] %} … {% endfragment %}`: a piece of a page that is
rendered once per process for each key, then reused.

Most of a public page is the référentiel's text — questions, help, measures, actions — which
only changes with the référentiel's version. Rendering it again for every request was about
85 % of a page's time (issue 14). A fragment's key must name everything its output depends on
(the référentiel version and the ids, the answer, the page's view name…); `skip` renders it
without the cache when it shows something of this request (a form error, a bound form).

What a fragment can never hold is the CSRF token: inside a fragment the token raises, so a
template that put one there fails its tests instead of sending one visitor's token to
another. The cache lives in the process (each gunicorn worker fills its own; the entries are
small and few: a few hundred per référentiel version), bounded by MAX_FRAGMENTS."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.loader_tags import BlockNode
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MAX_FRAGMENTS = 4096
_fragments: dict[tuple[Hashable, ...], SafeString] = {}
_enabled = True


class FragmentHoldsToken(template.TemplateSyntaxError):
    pass


class _NoTokenHere:
    """Stands for csrf_token inside a fragment: any use of it raises."""

    def _refuse(self, *args: object) -> Any:
        raise FragmentHoldsToken("a {% fragment %} must not contain the CSRF token")

    __bool__ = __str__ = __html__ = __eq__ = _refuse  # type: ignore[assignment]
    __hash__ = None  # type: ignore[assignment]


def clear() -> None:
    _fragments.clear()


@contextmanager
def disabled() -> Iterator[None]:
    """Render every fragment afresh (tests compare the output with and without the cache)."""
    global _enabled
    _enabled = False
    try:
        yield
    finally:
        _enabled = True


class FragmentNode(template.Node):
    # Hidden from get_nodes_by_type(), which Django's {% extends %} runs over the whole parent
    # template at every render to find its blocks: the fragments of base.html were most of
    # that walk. A fragment may hold no block (do_fragment refuses one), so nothing is missed.
    child_nodelists = ()

    def __init__(
        self, nodelist: NodeList, keys: list[FilterExpression], skip: FilterExpression | None
    ) -> None:
        self.nodelist = nodelist
        self.keys = keys
        self.skip = skip

    def _render(self, context: template.Context) -> SafeString:
        with context.push(csrf_token=_NoTokenHere()):
            return mark_safe(self.nodelist.render(context))  # noqa: S308 — rendered by the engine

    def render(self, context: template.Context) -> str:
        if not _enabled or (self.skip is not None and self.skip.resolve(context)):
            return self.nodelist.render(context)  # not kept: it may show this request's token
        # Where the fragment is written (set by the parser) and its keys: stable across a
        # reload of the template, unlike the node's identity.
        where = (self.origin.template_name, self.token.lineno)
        key = (*where, *(k.resolve(context) for k in self.keys))
        try:
            return _fragments[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable key part: this one is not kept
            return self.nodelist.render(context)
        html = self._render(context)
        if len(_fragments) >= MAX_FRAGMENTS:
            _fragments.clear()
        _fragments[key] = html
        return html


@register.tag("fragment")
def do_fragment(parser: Parser, token: Token) -> FragmentNode:
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name and its keys")
    skip = None
    if bits[-1].startswith("skip="):
        skip = parser.compile_filter(bits.pop().removeprefix("skip="))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        # A child template's block would be kept as the first page's, for every page.
        raise template.TemplateSyntaxError("a {% fragment %} must not contain a {% block %}")
    return FragmentNode(nodelist, [parser.compile_filter(b) for b in bits], skip)
