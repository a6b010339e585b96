"""/cabinet/<id>/protocole/modifier/: owners and IT providers edit the practice's contacts."""

from __future__ import annotations

from django.test import Client

from cyberdent.crisis.models import CrisisProtocol
from cyberdent.crisis.selectors import crisis_protocol_get
from tests.assessments.helpers import login_url
from tests.conftest import Personas
from tests.crisis.helpers import FORM, protocol_url, save_protocol
from tests.french import fr

CHECKBOX = 'name="team_informed"'


def edit_url(personas: Personas) -> str:
    return protocol_url(personas.practice_a, "modifier/")


def test_the_form_is_prefilled(client: Client, personas: Personas) -> None:
    save_protocol(personas.practice_a, personas.owner_a)
    client.force_login(personas.provider_a)
    response = client.get(edit_url(personas))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert html.count("<fieldset") == 5  # no team box for a provider
    assert 'value="Info Santé Services"' in html and 'value="06 12 34 56 78"' in html
    assert 'for="id_it_provider_phone"' in html and 'type="tel"' in html
    assert fr("la fiche porte le nom « Cabinet des Lilas »") in html
    assert CHECKBOX not in html


def test_saving_stores_and_redirects_with_a_message(client: Client, personas: Personas) -> None:
    client.force_login(personas.provider_a)
    response = client.post(edit_url(personas), FORM, follow=True)
    assert response.redirect_chain == [(protocol_url(personas.practice_a), 302)]
    assert "Les contacts du protocole sont enregistrés." in response.content.decode()
    protocol = CrisisProtocol.objects.get(practice=personas.practice_a)
    assert protocol.updated_by == personas.provider_a
    assert protocol.contacts["insurer"]["contract"] == "CT-2026-789"
    assert protocol.team_informed_at is None
    state = crisis_protocol_get(practice=personas.practice_a)
    assert state.contacts.lead.name == "Dr Claire Dupont"
    assert state.status.missing == ()
    # Saving again updates the same protocol.
    client.post(edit_url(personas), {**FORM, "lead_name": "Dr Martin"})
    assert CrisisProtocol.objects.count() == 1
    assert crisis_protocol_get(practice=personas.practice_a).contacts.lead.name == "Dr Martin"


def test_only_an_owner_sees_and_ticks_the_team_checkbox(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    html = client.get(edit_url(personas)).content.decode()
    assert CHECKBOX in html and fr("J&#x27;ai présenté ce protocole à toute l&#x27;équipe") in html
    response = client.post(edit_url(personas), {**FORM, "team_informed": "on"}, follow=True)
    assert fr("La présentation à l&#x27;équipe est notée.") in response.content.decode()
    protocol = CrisisProtocol.objects.get(practice=personas.practice_a)
    assert protocol.team_informed_at is not None
    assert protocol.team_informed_by == personas.owner_a
    # Unticked later: the earlier record stays, and the form says when it was.
    client.post(edit_url(personas), FORM)
    protocol.refresh_from_db()
    assert protocol.team_informed_at is not None
    assert "Dernière présentation enregistrée" in client.get(edit_url(personas)).content.decode()


def test_a_provider_cannot_forge_the_team_checkbox(client: Client, personas: Personas) -> None:
    client.force_login(personas.provider_a)
    client.post(edit_url(personas), {**FORM, "team_informed": "on"})
    assert CrisisProtocol.objects.get(practice=personas.practice_a).team_informed_at is None


def test_bad_input_is_flagged_and_kept(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    data = {
        **FORM,
        "it_provider_phone": "appelez Marc",
        "police_address": "x" * 5000,
        "team_informed": "on",
    }
    response = client.post(edit_url(personas), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 champs à corriger" in html
    assert "saisissez un numéro composé de chiffres" in html
    assert "200 caractères au maximum (5000 saisis)" in html
    assert 'value="appelez Marc"' in html
    assert 'value="Gendarmerie de Lunel"' in html and 'value="Dr Claire Dupont"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="team-informed-help" checked>' in html  # the ticked box too
    assert not CrisisProtocol.objects.filter(practice=personas.practice_a).exists()


def test_markup_is_kept_as_text(client: Client, personas: Personas) -> None:
    client.force_login(personas.owner_a)
    hostile = '<script>alert(1)</script> #set page(paper: "a5")'
    response = client.post(edit_url(personas), {**FORM, "practice": hostile, "lead_phone": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; #set page(paper: &quot;a5&quot;)" in html


def test_a_member_gets_403(client: Client, personas: Personas) -> None:
    client.force_login(personas.member_a)
    assert client.get(edit_url(personas)).status_code == 403
    assert client.post(edit_url(personas), FORM).status_code == 403
    assert not CrisisProtocol.objects.exists()


def test_stranger_404_and_anonymous_login(client: Client, personas: Personas) -> None:
    url = edit_url(personas)
    client.force_login(personas.owner_b)
    assert client.get(url).status_code == 404
    assert client.post(url, FORM).status_code == 404
    assert not CrisisProtocol.objects.exists()
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == login_url(url)
