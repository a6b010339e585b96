"""{% url %} without arguments is reversed once per process (web/templatetags/urls_once.py) and
writes what Django's own tag writes, whatever the script prefix."""

from __future__ import annotations

import pytest
from django.template import Context, Engine, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, clear_script_prefix, set_script_prefix

from cyberdent.web.templatetags import urls_once

SOURCES = (
    "{% url 'diagnostic:form' %}",
    "{% url 'diagnostic:form' as form_url %}[{{ form_url }}]",
    "{% url 'incidents:detail' practice_id=7 incident_id=3 %}",
    "{% url 'nowhere' as missing %}[{{ missing }}]",
)


def _with_django_tag(source: str) -> str:
    return Engine(libraries={}, builtins=[]).from_string(source).render(Context())


@pytest.fixture(autouse=True)
def _fresh() -> None:
    urls_once.clear()


@pytest.mark.parametrize("source", SOURCES)
def test_the_same_address_as_djangos_tag(source: str) -> None:
    ours = Template(source)
    assert isinstance(ours.nodelist[0], urls_once.URLOnceNode)
    assert ours.render(Context()) == _with_django_tag(source)
    assert ours.render(Context()) == _with_django_tag(source)  # from the cache


def test_reversed_once_then_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = urls_once.reverse
    monkeypatch.setattr(urls_once, "reverse", lambda *a, **k: calls.append(a) or real(*a, **k))
    template = Template("{% url 'diagnostic:form' %}")
    request = RequestFactory().get("/")
    for _ in range(3):
        template.render(Context({"request": request}))
    assert len(calls) == 1


def test_a_script_prefix_gives_its_own_address() -> None:
    template = Template("{% url 'diagnostic:form' %}")
    plain = template.render(Context())
    set_script_prefix("/cyberdent/")
    try:
        assert template.render(Context()) == "/cyberdent" + plain
    finally:
        clear_script_prefix()
        set_script_prefix("/")
    assert template.render(Context()) == plain


def test_an_unknown_name_fails_as_with_djangos_tag() -> None:
    with pytest.raises(NoReverseMatch):
        Template("{% url 'nowhere' %}").render(Context())
