"""The anonymous crisis-poster form: fill, download, nothing stored; bad input kept."""

from __future__ import annotations

from django.test import Client

from tests.documents.pdfcheck import assert_contains, page_count

FILLED = {
    "practice": "Cabinet des Lilas",
    "it_provider_name": "Info Santé",
    "it_provider_phone": "04 67 00 00 00",
    "insurer_name": "Assur Pro",
    "insurer_contract": "AB-1",
    "police_name": "Gendarmerie de Lunel",
    "lead_name": "Dr Dupont",
}


def test_form_has_labelled_fields_in_fieldsets(client: Client) -> None:
    html = client.get("/incident/fiche-reflexe/").content.decode()
    assert html.count("<fieldset") == 5
    assert 'for="id_it_provider_phone"' in html
    assert 'type="tel"' in html


def test_valid_form_downloads_a_one_page_pdf(client: Client) -> None:
    response = client.post("/incident/fiche-reflexe/", FILLED)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="fiche-reflexe-')
    pdf = response.content
    assert page_count(pdf) == 1
    assert_contains(pdf, *FILLED.values())


def test_bad_input_is_flagged_and_kept(client: Client) -> None:
    data = {**FILLED, "it_provider_phone": "appelez Marc", "police_address": "x" * 5000}
    response = client.post("/incident/fiche-reflexe/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 champs à corriger" in html
    assert "saisissez un numéro composé de chiffres" in html
    assert "200 caractères au maximum (5000 saisis)" in html
    assert 'value="appelez Marc"' in html
    assert 'value="Gendarmerie de Lunel"' in html


def test_markup_is_escaped_in_the_page_and_literal_in_the_pdf(client: Client) -> None:
    hostile = '<script>alert(1)</script> #set page(paper: "a5")'
    response = client.post("/incident/fiche-reflexe/", {"practice": hostile})
    assert response["Content-Type"] == "application/pdf"
    assert_contains(response.content, hostile)
    page = client.post("/incident/fiche-reflexe/", {"practice": hostile, "lead_phone": "x"})
    assert "<script>alert(1)</script>" not in page.content.decode()


def test_incident_page_links_to_the_poster(client: Client) -> None:
    assert 'href="/incident/fiche-reflexe/"' in client.get("/incident/").content.decode()
