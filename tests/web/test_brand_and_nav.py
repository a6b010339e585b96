"""Identity and navigation: the brand block and its SVG files, the favicon, the home page's one
primary call to action, a pictogram per measure, the crisis link that leads a member of one
practice to its incident mode, and the « Compte » menu that groups the account entries."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import Client, override_settings

from cyberdent.domain.referential_models import Referential
from cyberdent.practices.models import Membership
from cyberdent.web.templatetags.web_brand import GENERIC, picto_path
from tests.conftest import Personas
from tests.french import fr
from tests.incidents.helpers import make_incident

pytestmark = pytest.mark.django_db

BRAND_FILES = ["logo.svg", "favicon.svg", "wordmark.svg"]
CRISIS_LINK = re.compile(r'<a class="alert-link" href="([^"]*)"[^>]*>Victime d’une cyberattaque')
PUBLIC_PAGES = ["/", "/mesures/", "/pourquoi-se-proteger/", "/incident/", "/a-propos/"]


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def crisis_href(html: str) -> str:
    found = CRISIS_LINK.findall(html)
    assert len(found) == 1, found
    return str(found[0])


def main_of(html: str) -> str:
    return html.split('<main id="contenu"', 1)[1].split("</main>", 1)[0]


# --- Brand files, favicon


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
@pytest.mark.parametrize("name", BRAND_FILES)
def test_brand_svg_files_are_served_and_self_contained(name: str) -> None:
    response = Client().get(f"/static/cyberdent/{name}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    root = ElementTree.fromstring(body)  # noqa: S314 (our own file)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox")
    # Inline-able: no script, no style attribute (the CSP), nothing fetched from elsewhere.
    for forbidden in ("<script", "style=", "href=", "url("):
        assert forbidden not in body, forbidden


def test_the_header_shows_the_brand_block_and_the_favicon(client: Client) -> None:
    html = html_of(client, "/mesures/")
    assert '<link rel="icon" href="/static/cyberdent/favicon.svg" type="image/svg+xml">' in html
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    brand = header.split('<a class="brand" href="/">', 1)[1].split("</a>", 1)[0]
    assert '<img class="brand-logo" src="/static/cyberdent/logo.svg" alt=""' in brand
    assert '<span class="brand-name">CyberDent</span>' in brand


def test_favicon_ico_is_not_a_404(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/cyberdent/favicon.svg"
    assert finders.find("cyberdent/favicon.svg")


# --- Home and measures


def test_home_has_exactly_one_primary_call_to_action(client: Client) -> None:
    main = main_of(html_of(client, "/"))
    buttons = re.findall(r'<a class="button[^"]*" href="([^"]*)">([^<]*)</a>', main)
    assert buttons == [("/diagnostic/", "Faire le diagnostic\u00a0— 5\u00a0minutes, sans compte")]
    assert main.count('class="button') == 1
    assert 'class="button button-cta"' in main
    # The other ways in are secondary cards; the brochure is credited right below the hero.
    assert main.count('<li class="card') == 3
    assert fr("D’après la brochure « Cybersécurité » de l’URPS Chirurgiens-Dentistes") in main


def test_each_measure_has_its_own_decorative_pictogram(client: Client, ref: Referential) -> None:
    html = html_of(client, "/mesures/")
    for measure in ref.measures:
        path = f"cyberdent/pictos/{measure.id}.svg"
        assert finders.find(path), path
        assert picto_path(measure.id) == path
        section = html.split(f'id="{measure.id}"', 1)[1].split("</section>", 1)[0]
        assert (
            f'<img class="measure-picto" src="/static/{path}" alt="" aria-hidden="true"' in section
        )
    assert html.count('class="measure-picto"') == len(ref.measures) == 8


def test_a_new_measure_without_a_pictogram_gets_the_generic_one() -> None:
    assert picto_path("a_measure_added_later") == GENERIC
    assert picto_path("../logo") == GENERIC
    assert finders.find(GENERIC)


# --- No README anywhere on the site


def test_no_page_tells_anyone_to_read_a_readme(client: Client, personas: Personas) -> None:
    for url in PUBLIC_PAGES:
        assert "README" not in html_of(client, url), url
    client.force_login(personas.owner_a)
    for url in ["/", "/a-propos/", "/espace/", f"/cabinet/{personas.practice_a.pk}/"]:
        assert "README" not in html_of(client, url), url


def test_the_footer_links_to_about_instead_of_the_referential_line(client: Client) -> None:
    html = html_of(client, "/")
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/a-propos/">À propos de CyberDent</a>' in footer
    assert "Référentiel" not in footer and "urps_cd_occitanie_cyber" not in footer


# --- The crisis link


def test_anonymous_crisis_link_is_the_public_incident_page(client: Client) -> None:
    assert crisis_href(html_of(client, "/")) == "/incident/"


def test_a_member_of_one_practice_goes_to_its_incident_mode(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.member_a)
    pid = personas.practice_a.pk
    for url in ("/", "/mesures/", f"/cabinet/{pid}/"):
        assert crisis_href(html_of(client, url)) == f"/cabinet/{pid}/incidents/", url


def test_with_an_open_incident_it_goes_to_that_incident(client: Client, personas: Personas) -> None:
    pid = personas.practice_a.pk
    make_incident(personas.practice_a, personas.owner_a, closed_at=personas.practice_a.created_at)
    incident = make_incident(personas.practice_a, personas.owner_a)
    client.force_login(personas.member_a)
    assert crisis_href(html_of(client, "/")) == f"/cabinet/{pid}/incidents/{incident.pk}/"
    incident.closed_at = incident.discovered_at
    incident.save()
    assert crisis_href(html_of(client, "/")) == f"/cabinet/{pid}/incidents/"


def test_a_member_of_several_practices_gets_the_public_page(
    client: Client, personas: Personas
) -> None:
    Membership.objects.create(practice=personas.practice_b, user=personas.member_a, role="member")
    make_incident(personas.practice_a, personas.owner_a)
    client.force_login(personas.member_a)
    assert crisis_href(html_of(client, "/")) == "/incident/"


def test_a_person_without_a_practice_gets_the_public_page(client: Client) -> None:
    from tests.conftest import make_user

    client.force_login(make_user("seul@exemple.test"))
    assert crisis_href(html_of(client, "/")) == "/incident/"


def test_the_crisis_link_costs_one_query(
    personas: Personas, django_assert_num_queries: Any
) -> None:
    make_incident(personas.practice_a, personas.owner_a)
    template = Template("{% load incident_nav %}{% crisis_href %}")
    with django_assert_num_queries(1):
        out = template.render(Context({"user": personas.member_a}))
    assert out.startswith(f"/cabinet/{personas.practice_a.pk}/incidents/")


# --- The account menu


def test_logged_in_the_account_entries_are_grouped_in_one_menu(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.owner_a)
    header = html_of(client, "/").split("</header>", 1)[0]
    menus = re.findall(r'<details class="account-menu">(.*?)</details>', header, re.S)
    assert len(menus) == 2  # in the phone « Menu » and in the wide bar
    for menu in menus:
        assert "<summary>Compte</summary>" in menu
        assert '<a href="/espace/">Mon espace</a>' in menu
        assert '<a href="/comptes/mon-compte/">Mon compte</a>' in menu
        assert 'action="/comptes/logout/"' in menu and ">Se déconnecter</button>" in menu
        assert "titulaire@lilas.test" in menu
    outside = re.sub(r'<details class="account-menu">.*?</details>', "", header, flags=re.S)
    for entry in ("Mon espace", "Mon compte", "Se déconnecter"):
        assert entry not in outside, entry


def test_anonymous_has_no_account_menu_but_a_login_link(client: Client) -> None:
    html = html_of(client, "/")
    assert "account-menu" not in html
    assert html.count('<a href="/comptes/login/">Se connecter</a>') == 2
