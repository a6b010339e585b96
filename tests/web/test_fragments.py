"""{% fragment %} (web/templatetags/fragments.py): the référentiel's parts of a page are rendered
once per process and reused. The page must be the same byte for byte with and without the
cache, for every visitor and every answer, and no fragment may hold a CSRF token."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client

from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.report import build_report
from cyberdent.web.templatetags import fragments
from tests.assessments.helpers import save_diagnostic
from tests.conftest import all_yes

pytestmark = pytest.mark.django_db

# Each render masks the CSRF token anew; everything else must be identical.
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+')


def _page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return _TOKEN.sub(r"\1…", response.content.decode())


def _same_with_and_without_the_cache(client: Client, paths: list[str]) -> None:
    for path in paths:
        with fragments.disabled():
            fresh = _page(client, path)
        first = _page(client, path)  # fills the cache
        again = _page(client, path)  # served from it
        assert first == fresh, path
        assert again == fresh, path


def _result_paths(client: Client) -> list[str]:
    answer_sets = [all_yes(), all_yes(backups="no", mfa="unknown"), dict.fromkeys(all_yes(), "no")]
    return [client.post("/diagnostic/", raw)["Location"] for raw in answer_sets]


def test_public_pages_are_identical_with_the_fragment_cache(client: Client) -> None:
    results = _result_paths(client)
    prefilled = results[1].replace("/diagnostic/resultat/", "/diagnostic/")
    compared = results[0] + "&departement=34"
    paths = ["/", "/diagnostic/", prefilled, *results, compared, "/mesures/", "/a-propos/"]
    paths.append("/incident/")
    _same_with_and_without_the_cache(client, paths)


def test_practice_pages_are_identical_with_the_fragment_cache(
    client: Client, personas: Any
) -> None:
    practice = personas.practice_a
    saved = save_diagnostic(practice, personas.owner_a, backups="no", phishing_training="no")
    client.force_login(personas.owner_a)
    base = f"/cabinet/{practice.pk}"
    paths = [
        f"{base}/",
        f"{base}/diagnostics/nouveau/",
        f"{base}/diagnostics/{saved.pk}/",
        "/diagnostic/",
        *_result_paths(client),
    ]
    _same_with_and_without_the_cache(client, paths)


def test_a_visitor_with_an_account_never_gets_the_header_of_one_without(
    client: Client, personas: Any
) -> None:
    anonymous = client.get("/diagnostic/").content.decode()
    client.force_login(personas.owner_a)
    signed_in = client.get("/diagnostic/").content.decode()
    assert "Se connecter" in anonymous and "Se connecter" not in signed_in


def test_answers_with_an_error_are_not_taken_from_the_cache(client: Client) -> None:
    client.get("/diagnostic/")
    missing_backups = {k: v for k, v in all_yes().items() if k != "backups"}
    page = client.post("/diagnostic/", missing_backups).content.decode()
    assert 'class="question has-error" id="q-backups"' in page
    assert page.count("checked") == len(missing_backups)


def test_the_second_visit_does_not_render_the_static_parts_again(client: Client) -> None:
    client.get("/diagnostic/")
    names = [t.name for t in client.get("/diagnostic/").templates]
    for static in ("diagnostic/_question.html", "web/includes/nav_items.html"):
        assert static not in names
    assert "web/includes/sources.html" not in names  # the footer's sources


@pytest.mark.parametrize("path", ["/diagnostic/", "/cabinet/{pk}/diagnostics/nouveau/"])
def test_the_second_visit_does_not_copy_the_forms_fields(
    client: Client, personas: Any, path: str
) -> None:
    client.force_login(personas.owner_a)
    path = path.format(pk=personas.practice_a.pk)
    client.get(path)
    form = client.get(path).context["form"]
    assert form._fields is None  # the questions came from the cache, untouched
    assert len(form.fields) == form.question_count + len(form.referential.complementary)


def test_a_fragment_cannot_hold_the_csrf_token() -> None:
    template = Template("{% load fragments %}{% fragment 'x' %}{% csrf_token %}{% endfragment %}")
    with pytest.raises(fragments.FragmentHoldsToken):
        template.render(Context({"csrf_token": "secret"}))


def test_a_skipped_fragment_renders_this_request_and_keeps_nothing() -> None:
    template = Template(
        "{% load fragments %}{% fragment 'x' key skip=mine %}{{ value }}{% endfragment %}"
    )
    assert template.render(Context({"key": 1, "mine": True, "value": "a"})) == "a"
    assert template.render(Context({"key": 1, "mine": False, "value": "b"})) == "b"
    # Same key: the kept "b" is served, whatever the value now (the key must name it all).
    assert template.render(Context({"key": 1, "mine": False, "value": "c"})) == "b"
    assert template.render(Context({"key": 2, "mine": False, "value": "c"})) == "c"


def test_a_fragment_cannot_hold_a_block() -> None:
    # Its content would be the first child template's for every page.
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template(
            "{% load fragments %}{% fragment 'x' %}{% block b %}{% endblock %}{% endfragment %}"
        )


def test_a_result_of_another_referential_version_shows_its_own_level_label(
    ref: Referential,
) -> None:
    # A saved diagnostic is shown with its own référentiel version (the archive): the level's
    # label is that version's, even where score, verdict and reasons are the same.
    renamed = ref.model_copy(deep=True, update={"version": "0.0.1-test"})
    for level in renamed.rule.levels:
        object.__setattr__(level, "label", f"Ancien {level.label}")
    answers = parse_answers(ref, all_yes())
    template = Template('{% include "diagnostic/_report.html" %}')
    pages = [
        template.render(Context({"report": build_report(r, assess(r, answers))}))
        for r in (ref, renamed, ref)
    ]
    assert "Ancien " not in pages[0]
    assert "Ancien " in pages[1]
    assert pages[2] == pages[0]
