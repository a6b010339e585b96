"""/cabinet/<id>/protocole/: the practice's "En cas d'incident" page with its own contacts."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from tests.assessments.helpers import login_url, save_diagnostic
from tests.conftest import Personas
from tests.crisis.helpers import protocol_url, save_protocol
from tests.french import fr


def page(client: Client, personas: Personas, user: object) -> str:
    client.force_login(user)
    response = client.get(protocol_url(personas.practice_a))
    assert response.status_code == 200
    return response.content.decode()


def test_the_steps_in_order_with_the_practice_contacts(client: Client, personas: Personas) -> None:
    save_protocol(personas.practice_a, personas.owner_a)
    html = page(client, personas, personas.member_a)
    assert html.count("<h1>") == 1
    assert "Cabinet des Lilas" in html
    titles = [
        "Contactez immédiatement votre prestataire informatique",
        "Isolez sans délai les postes ou systèmes infectés",
        "Déposez plainte dans les 72 heures",
        "Avertissez votre assurance",
        fr("Signalez l&#x27;incident"),
    ]
    positions = [html.index(t) for t in titles]
    assert positions == sorted(positions)
    for text in ("Info Santé Services", fr("Horaires : 8h-18h"), "Gendarmerie de Lunel"):
        assert text in html
    assert "12 avenue de Mauguio, Lunel" in html
    assert "Assur Pro Santé" in html and "Contrat n° CT-2026-789" in html
    assert 'href="tel:0467112233">04 67 11 22 33</a>' in html
    assert 'href="tel:0140000001"' in html and 'href="tel:0467830017"' in html
    assert "Dr Claire Dupont" in html and 'href="tel:0612345678"' in html
    # The fixed contacts, with their sources, and the ransom rule.
    assert "CERT Santé" in html and "17Cyber" in html and "CNIL" in html
    assert "09 72 43 91 25" in html
    assert "<summary>Sources</summary>" in html
    assert "Ne payez pas de rançon" in html
    pid = personas.practice_a.pk
    assert f'href="/cabinet/{pid}/protocole/fiche-reflexe.pdf"' in html
    assert "Télécharger la fiche réflexe (PDF)" in html


def test_modify_link_only_for_those_who_may(client: Client, personas: Personas) -> None:
    edit = f'href="/cabinet/{personas.practice_a.pk}/protocole/modifier/"'
    assert edit not in page(client, personas, personas.member_a)
    assert edit in page(client, personas, personas.provider_a)
    assert edit in page(client, personas, personas.owner_a)


def test_an_empty_protocol_says_what_is_missing(client: Client, personas: Personas) -> None:
    html = page(client, personas, personas.owner_a)
    assert fr("Prestataire informatique : pas encore renseigné.") in html
    assert fr("Assurance : pas encore renseignée.") in html
    assert fr("Personne n'est encore désignée.") in html
    assert fr("n'a pas encore été présenté à toute l'équipe") in html
    assert "?oui=crisis_protocol" not in html


def test_no_offer_before_the_team_is_told(client: Client, personas: Personas) -> None:
    save_protocol(personas.practice_a, personas.owner_a, team_informed=False)
    html = page(client, personas, personas.owner_a)
    assert "?oui=crisis_protocol" not in html
    assert "présenté à l'équipe le" not in html


def test_the_offer_once_the_team_is_told(client: Client, personas: Personas) -> None:
    save_protocol(personas.practice_a, personas.owner_a, team_informed=True)
    today = dt.date.today()
    pid = personas.practice_a.pk
    link = f'href="/cabinet/{pid}/diagnostics/nouveau/?oui=crisis_protocol"'
    html = page(client, personas, personas.owner_a)
    assert fr("Le protocole a été présenté à l'équipe le") in html
    assert str(today.year) in html
    assert link in html and "mettre à jour le diagnostic" in html
    assert link in page(client, personas, personas.provider_a)
    # A member may not fill a diagnostic: the date, without the link.
    member_html = page(client, personas, personas.member_a)
    assert fr("présenté à l'équipe le") in member_html and link not in member_html


def test_no_offer_when_the_diagnostic_already_counts_it(client: Client, personas: Personas) -> None:
    save_protocol(personas.practice_a, personas.owner_a, team_informed=True)
    save_diagnostic(personas.practice_a, personas.owner_a, crisis_protocol="yes")
    assert "?oui=crisis_protocol" not in page(client, personas, personas.owner_a)
    save_diagnostic(personas.practice_a, personas.owner_a, crisis_protocol="unknown")
    assert "?oui=crisis_protocol" in page(client, personas, personas.owner_a)


def test_markup_in_contacts_is_shown_as_text(client: Client, personas: Personas) -> None:
    save_protocol(personas.practice_a, personas.owner_a, lead={"name": "<script>alert(1)</script>"})
    html = page(client, personas, personas.owner_a)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_page_is_printable(client: Client, personas: Personas) -> None:
    html = page(client, personas, personas.owner_a)
    assert 'class="protocol-actions no-print"' in html
    assert 'class="team-status no-print"' in html


def test_stranger_404_and_anonymous_login(client: Client, personas: Personas) -> None:
    url = protocol_url(personas.practice_a)
    client.force_login(personas.owner_b)
    response = client.get(url)
    assert response.status_code == 404
    assert "Cabinet des Lilas" not in response.content.decode()
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == login_url(url)
    assert client.post(url).status_code in (302, 405)
