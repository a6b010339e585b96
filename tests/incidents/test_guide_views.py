"""The anonymous incident mode: nothing tied to a practice or a person, kept in this browser's
session; every action is a POST that redirects to the page (a reload never re-posts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from cyberdent.domain.incident import PARIS
from cyberdent.incidents.models import Incident, JournalEntry
from tests.french import fr
from tests.incidents.helpers import GUIDE, act, guide_page, start_data, start_guide

pytestmark = pytest.mark.django_db


def done(client: Client, guide_id: str, op: str, **data: str) -> str:
    """Act from the current page; the page it leads to."""
    response = act(client, guide_id, op, **data)
    assert response.status_code == 302, response.content.decode()[:800]
    assert response["Location"].startswith(f"{GUIDE}?g={guide_id}")
    return guide_page(client, guide_id)


def test_start_form_is_prefilled_with_now_in_paris(client: Client) -> None:
    response = client.get("/incident/guide/")
    assert response.status_code == 200
    page = response.content.decode()
    now = timezone.now().astimezone(PARIS)
    assert f'value="{now:%Y-%m-%d}"' in page
    assert "Rançongiciel" in page and "Je ne sais pas" in page
    assert fr("<legend>Que se passe-t-il ?</legend>") in page


def test_start_shows_the_guide_with_deadlines_and_steps(client: Client, ref: Any) -> None:
    page = guide_page(client, start_guide(client))
    assert fr("Incident en cours : rançongiciel") in page
    assert "Il reste 2 jours 23 h" in page or "Il reste 3 jours" in page
    assert "Notification à la CNIL" in page  # "Je ne sais pas" counts as maybe
    for step in ref.incident.steps:
        assert escape(step.title) in page
    assert 'name="state"' not in page  # no token in the page any more
    assert Incident.objects.count() == 0 and JournalEntry.objects.count() == 0


def test_a_full_journal_keeps_each_page_light(client: Client) -> None:
    guide_id = start_guide(client)
    empty = len(guide_page(client, guide_id).encode())
    for n in range(8):
        done(client, guide_id, "journal", text=f"Entrée {n} " + "x" * 4_900)
    page = guide_page(client, guide_id)
    assert page.count("x" * 4_900) == 8  # the journal shows once, in the journal
    # The forms carry an id and a 16-character version, not the state: 40 KB of journal
    # make a page 40 KB heavier, not 40 KB per form.
    assert len(page.encode()) < empty + 8 * 5_000 + 5_000


def test_no_patient_data_means_no_cnil_deadline(client: Client) -> None:
    page = guide_page(client, start_guide(client, patient_data="no"))
    assert "Notification à la CNIL" not in page
    assert 'id="donnees-patients"' not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"discovered_date": "2099-01-01"}, "dans le futur"),
        ({"discovered_date": "31/02/2026"}, "Date non reconnue"),
        ({"discovered_time": "25:99"}, "Heure non reconnue"),
        ({"kind": "alien"}, "Sélectionnez un choix valide"),
        ({"patient_data": ""}, fr("Répondez : oui, non")),
    ],
)
def test_bad_start_input_keeps_what_was_typed(
    client: Client, overrides: dict[str, str], message: str
) -> None:
    data = start_data(**overrides)
    response = client.post("/incident/guide/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "error-summary" in page
    if overrides.get("kind") != "alien":
        assert 'value="ransomware" id="id_kind_0" checked' in page or (
            'value="ransomware"' in page and "checked" in page
        )


def test_future_discovery_by_one_hour_is_refused(client: Client) -> None:
    later = timezone.now() + dt.timedelta(hours=1)
    response = client.post("/incident/guide/", start_data(later))
    assert "dans le futur" in response.content.decode()


def test_overdue_deadline_says_what_to_do(client: Client) -> None:
    old = timezone.now() - dt.timedelta(days=4)
    page = guide_page(client, start_guide(client, moment=old, patient_data="yes"))
    assert "Délai dépassé" in page
    assert "Déposez plainte quand même" in page
    assert "raisons du retard" in page


def test_mark_a_step_done_then_reload_and_mark_again_changes_nothing(client: Client) -> None:
    guide_id = start_guide(client)
    page = done(client, guide_id, "step", step_id="isolate")
    assert "✓ Fait</strong> le" in page
    assert guide_page(client, guide_id) == page or "✓ Fait</strong> le" in guide_page(
        client, guide_id
    )  # a reload is a GET: nothing re-posted
    again = done(client, guide_id, "step", step_id="isolate")
    assert again.count("✓ Fait</strong>") == 1  # the first time counts


def test_forged_step_id_is_refused_and_nothing_is_lost(client: Client) -> None:
    guide_id = start_guide(client)
    done(client, guide_id, "step", step_id="isolate")
    response = act(client, guide_id, "step", step_id="format_the_server")
    page = response.content.decode()
    assert response.status_code == 400
    assert fr("Cette étape n&#x27;existe pas") in page
    assert "✓ Fait</strong> le" in page  # the isolate step is still done


def test_personal_data_steps_only_when_patient_data_may_be_affected(client: Client) -> None:
    guide_id = start_guide(client, patient_data="no")
    assert act(client, guide_id, "step", step_id="notify_cnil").status_code == 400
    guide_id = start_guide(client, patient_data="yes")
    assert "Fait dans le délai" in done(client, guide_id, "step", step_id="notify_cnil")


def test_journal_is_append_only_and_in_order(client: Client) -> None:
    guide_id = start_guide(client)
    done(client, guide_id, "journal", text="Écran bloqué au poste 2")
    page = done(client, guide_id, "journal", text="Correction : c'est le poste 3")
    assert page.index("Écran bloqué au poste 2") < page.index("Correction : c&#x27;est le poste 3")
    assert "Entrée ajoutée au journal." in page


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", fr("L&#x27;entrée du journal est vide")),
        ("x" * 20_000, "5000 caractères au maximum (20000 saisis)"),
    ],
)
def test_bad_journal_entry_keeps_the_text(client: Client, text: str, message: str) -> None:
    guide_id = start_guide(client)
    done(client, guide_id, "journal", text="Première entrée")
    response = act(client, guide_id, "journal", text=text)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Première entrée" in page
    if text.strip():
        assert text in page  # the typed entry is kept in the textarea


def test_an_unknown_suivi_goes_back_to_the_start_and_says_why(client: Client) -> None:
    response = client.post(GUIDE, {"g": "nope", "op": "journal", "text": "x"}, follow=True)
    assert response.redirect_chain[-1][0] == "/incident/guide/"
    assert fr("n&#x27;est pas (ou plus) dans ce navigateur") in response.content.decode()
    other_browser = Client()
    guide_id = start_guide(client)
    assert other_browser.get(GUIDE, {"g": guide_id})["Location"] == "/incident/guide/"


def test_unknown_operation_changes_nothing(client: Client) -> None:
    guide_id = start_guide(client)
    response = act(client, guide_id, "delete_everything")
    assert response.status_code == 400
    assert fr("Cette action n&#x27;est pas reconnue") in response.content.decode()


def test_get_without_a_suivi_goes_back_to_the_start(client: Client) -> None:
    response = client.get(GUIDE, follow=True)
    assert response.redirect_chain[-1][0] == "/incident/guide/"


def test_details_and_report_texts(client: Client) -> None:
    guide_id = start_guide(client)
    page = done(
        client,
        guide_id,
        "details",
        complaint_reference="PV 2026/0042",
        affected_systems="Poste accueil, serveur",
        contacted="Prestataire Info Santé, 9 h 10",
    )
    assert "PV 2026/0042" in page
    assert 'href="mailto:?subject=D%C3%A9claration' in page  # insurer: the user adds the address
    assert "mailto:?subject=Signalement" in page  # CERT Santé's address is unverified (fact 1c)
    assert "cert-sante%40" not in page
    assert '<textarea id="insurer-text" readonly' in page
    too_long = act(client, guide_id, "details", complaint_reference="x" * 150)
    assert fr("Référence de la plainte : 100 caractères au maximum") in too_long.content.decode()


def test_decision_helper(client: Client) -> None:
    guide_id = start_guide(client, patient_data="yes")
    page = done(client, guide_id, "decision", risk="high", exemption="none")
    assert "informez aussi chaque patient concerné" in page
    page = done(client, guide_id, "decision", risk="unlikely", exemption="none")
    assert "En cas de doute, notifiez" in page
    response = act(client, guide_id, "decision", exemption="none")
    assert "Choisissez le niveau de risque" in response.content.decode()


def test_dossier_pdf(client: Client) -> None:
    guide_id = start_guide(client)
    done(client, guide_id, "journal", text="Rançon affichée")
    response = client.get("/incident/guide/dossier.pdf", {"g": guide_id})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response.content[:4] == b"%PDF"
    assert client.get("/incident/guide/dossier.pdf")["Location"] == "/incident/guide/"


def test_forget_removes_the_suivi_from_this_browser(client: Client) -> None:
    guide_id = start_guide(client)
    done(client, guide_id, "journal", text="Rançon affichée")
    response = act(client, guide_id, "forget", follow=True)
    assert response.redirect_chain[-1][0] == "/incident/guide/"
    assert "effacé de ce navigateur" in response.content.decode()
    assert client.get(GUIDE, {"g": guide_id})["Location"] == "/incident/guide/"


def test_public_incident_page_starts_the_guided_mode(client: Client, personas: Any) -> None:
    page = client.get("/incident/").content.decode()
    assert "Démarrer le mode incident guidé" in page
    assert "Mode incident du cabinet" not in page
    client.force_login(personas.member_a)
    page = client.get("/incident/").content.decode()
    assert f"/cabinet/{personas.practice_a.pk}/incidents/nouveau/" in page
    assert f"/cabinet/{personas.practice_b.pk}/" not in page


def test_it_provider_phone_typed_at_the_start_gives_a_tap_to_call(client: Client) -> None:
    guide_id = start_guide(client, it_provider_phone="04 67 12 34 56")
    assert 'href="tel:0467123456"' in guide_page(client, guide_id)
    again = done(client, guide_id, "step", step_id="isolate")
    assert 'href="tel:0467123456"' in again  # kept with the suivi
    bad = client.post("/incident/guide/", start_data(it_provider_phone="appelez Paul"))
    assert "saisissez un numéro" in bad.content.decode()
    assert 'value="appelez Paul"' in bad.content.decode()


def test_a_journal_draft_sent_with_another_button_is_shown_again(client: Client) -> None:
    # keep-draft.js adds the unsent entry as "draft" to whichever form is submitted.
    guide_id = start_guide(client)
    page = done(client, guide_id, "step", step_id="isolate", draft="Écran rouge à 8 h 10")
    assert "✓ Fait</strong> le" in page
    assert "Écran rouge à 8 h 10</textarea>" in page
    assert "Écran rouge à 8 h 10" not in guide_page(client, guide_id)  # shown once, then gone
    assert page.count("Écran rouge à 8 h 10") == 1  # still a draft, not a journal entry


def test_advice_for_the_kind_of_incident_comes_first(client: Client, ref: Any) -> None:
    isolate = next(s for s in ref.incident.steps if s.id == "isolate")
    phishing = guide_page(client, start_guide(client, kind="phishing"))
    assert "Dans votre situation" in phishing
    assert escape(isolate.by_kind["phishing"][0]) in phishing
    ransomware = guide_page(client, start_guide(client, kind="ransomware"))
    assert "ne branchez aucun disque de sauvegarde" in ransomware  # its own advice
    other = guide_page(client, start_guide(client, kind="other"))
    assert "Dans votre situation" not in other


def test_closing_the_anonymous_incident_makes_it_read_only_until_reopened(
    client: Client,
) -> None:
    guide_id = start_guide(client)
    empty = act(client, guide_id, "close", what_would_help="Une sauvegarde")
    assert "Décrivez en quelques mots" in empty.content.decode()
    assert "Une sauvegarde" in empty.content.decode()  # kept
    page = done(
        client, guide_id, "close", what_happened="Faux mail", what_would_help="Une formation"
    )
    assert "Incident clôturé le" in page and "Faux mail" in page
    assert "Ajouter au journal" not in page
    assert fr("Rouvrir l'incident") in page
    for op, data in (
        ("journal", {"text": "Après clôture"}),
        ("step", {"step_id": "isolate"}),
        ("details", {"contacted": "Paul"}),
        ("close", {"what_happened": "Autre chose"}),
    ):
        response = act(client, guide_id, op, follow=True, **data)
        assert "Cet incident est clôturé" in response.content.decode(), op
    page = guide_page(client, guide_id)
    assert "Après clôture" not in page and "Autre chose" not in page
    page = done(client, guide_id, "reopen")
    assert "Incident rouvert." in page and "Ajouter au journal" in page
    pdf = client.get("/incident/guide/dossier.pdf", {"g": guide_id})
    assert pdf.status_code == 200


def test_the_anonymous_personal_data_answer_changes_and_is_journaled(client: Client) -> None:
    guide_id = start_guide(client, patient_data="unknown")
    page = done(client, guide_id, "patient_data", patient_data="yes")
    assert fr("« Je ne sais pas » → « Oui »") in page
    assert fr("Réponse actuelle : <strong>Oui</strong>") in page


def test_the_anonymous_guide_starts_one_step_per_screen(client: Client, ref: Any) -> None:
    guide_id = start_guide(client)
    total = len(ref.incident.steps)
    page = client.get(GUIDE, {"g": guide_id, "etape": "1"}).content.decode()
    assert f"Étape 1 sur {total}" in page
    assert escape(ref.incident.steps[0].title) in page
    response = act(client, guide_id, "step", step_id=ref.incident.steps[0].id, screen="1")
    assert response["Location"] == f"{GUIDE}?g={guide_id}&etape=2"
    # A step number that does not exist shows the whole page, never an error.
    for bad in ("0", "99", "abc", "1" * 50):
        assert client.get(GUIDE, {"g": guide_id, "etape": bad}).status_code in (200, 302)
