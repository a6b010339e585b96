"""The practice's incidents: stored, shared with the team, isolated from other practices."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from cyberdent.domain.incident import PARIS
from cyberdent.incidents.models import Incident, JournalEntry, StepDone
from tests.french import fr
from tests.incidents.helpers import make_incident, start_data

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def base(practice: Any) -> str:
    return f"/cabinet/{practice.pk}/incidents/"


def url(incident: Incident, suffix: str = "") -> str:
    return f"{base(incident.practice)}{incident.pk}/{suffix}"


def test_a_member_opens_an_incident_and_the_team_sees_it(personas: Any) -> None:
    member = as_user(personas.member_a)
    assert member.get(base(personas.practice_a) + "nouveau/").status_code == 200
    response = member.post(base(personas.practice_a) + "nouveau/", start_data(patient_data="yes"))
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(incident, "etape/1/")  # the first step, alone
    assert incident.practice == personas.practice_a and incident.opened_by == personas.member_a
    page = as_user(personas.provider_a).get(url(incident)).content.decode()
    assert fr("Incident : rançongiciel") in page
    assert "Notification à la CNIL" in page
    listing = as_user(personas.owner_a).get(base(personas.practice_a)).content.decode()
    assert url(incident) in listing and "En cours" in listing


def test_future_discovery_is_refused_and_kept(personas: Any) -> None:
    later = timezone.now() + dt.timedelta(days=2)
    response = as_user(personas.owner_a).post(
        base(personas.practice_a) + "nouveau/", start_data(later, kind="phishing")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "dans le futur" in page
    data = start_data(later)
    assert f'value="{data["discovered_date"]}"' in page  # what was typed is kept
    assert 'value="phishing"' in page and "checked" in page
    assert Incident.objects.count() == 0


def test_steps_are_marked_done_once_with_who_and_when(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    member = as_user(personas.member_a)
    response = member.post(url(incident, "etapes/"), {"step_id": "isolate"})
    assert response.status_code == 302
    assert response["Location"].endswith("#step-isolate")
    as_user(personas.owner_a).post(url(incident, "etapes/"), {"step_id": "isolate"})
    done = StepDone.objects.get(incident=incident)
    assert done.by == personas.member_a  # the first "Fait" counts
    page = member.get(url(incident)).content.decode()
    assert "par assistante@lilas.test" in page


def test_forged_step_is_refused(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a, patient_data="no")
    client = as_user(personas.owner_a)
    for step in ("format_the_server", "notify_cnil", ""):
        response = client.post(url(incident, "etapes/"), {"step_id": step})
        assert response.status_code == 400
        assert fr("Cette étape n&#x27;existe pas") in response.content.decode()
    assert not StepDone.objects.exists()


def test_journal_entries_are_appended_with_author(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = as_user(personas.member_a)
    response = client.post(url(incident, "journal/"), {"text": "Appel au prestataire"})
    assert response.status_code == 302
    client.post(url(incident, "journal/"), {"text": "Correction : appel à 9 h 10"})
    texts = list(JournalEntry.objects.filter(incident=incident).values_list("text", flat=True))
    assert texts == ["Appel au prestataire", "Correction : appel à 9 h 10"]
    page = client.get(url(incident)).content.decode()
    assert "assistante@lilas.test" in page


@pytest.mark.parametrize(
    ("text", "message"),
    [("", fr("L&#x27;entrée du journal est vide")), ("é" * 20_000, "5000 caractères au maximum")],
)
def test_bad_journal_entry_keeps_the_text(personas: Any, text: str, message: str) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    response = as_user(personas.owner_a).post(url(incident, "journal/"), {"text": text})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert text in page
    assert not JournalEntry.objects.exists()


def test_details_decision_and_pdf(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = as_user(personas.provider_a)
    response = client.post(
        url(incident, "informations/"),
        {"complaint_reference": "PV 42", "affected_systems": "Serveur", "contacted": "Gendarmerie"},
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.complaint_reference, incident.affected_systems) == ("PV 42", "Serveur")
    bad = client.post(url(incident, "informations/"), {"affected_systems": "x" * 3000})
    assert "2000 caractères au maximum" in bad.content.decode()
    assert client.post(url(incident, "donnees-patients/"), {"risk": "high"}).status_code == 302
    page = client.get(url(incident)).content.decode()
    assert "informez aussi chaque patient concerné" in page
    assert "PV 42" in page
    pdf = client.get(url(incident, "dossier.pdf"))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


def test_close_asks_the_lessons_and_suggests_the_next_steps(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = as_user(personas.member_a)
    assert fr("Que s&#x27;est-il passé") in client.get(url(incident, "cloturer/")).content.decode()
    empty = client.post(url(incident, "cloturer/"), {"what_would_help": "Une sauvegarde"})
    assert "Décrivez en quelques mots" in empty.content.decode()
    assert "Une sauvegarde" in empty.content.decode()
    response = client.post(
        url(incident, "cloturer/"),
        {"what_happened": "Pièce jointe ouverte", "what_would_help": "Une sauvegarde testée"},
    )
    assert response.status_code == 302  # POST-redirect-GET: a reload never closes twice
    assert response["Location"] == url(incident) + "#cloture"
    page = client.get(url(incident)).content.decode()
    assert f"/cabinet/{personas.practice_a.pk}/diagnostics/nouveau/" in page
    assert f"/cabinet/{personas.practice_a.pk}/protocole/" in page
    incident.refresh_from_db()
    assert incident.closed_at is not None
    assert incident.lessons_what_happened == "Pièce jointe ouverte"
    assert "Incident clôturé le" in page and "Pièce jointe ouverte" in page
    assert JournalEntry.objects.filter(
        incident=incident, text__startswith="Incident clôturé"
    ).exists()


def test_a_closed_incident_is_read_only_until_reopened(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = as_user(personas.member_a)
    client.post(url(incident, "cloturer/"), {"what_happened": "Faux mail", "what_would_help": "x"})
    page = client.get(url(incident)).content.decode()
    assert "Ajouter au journal" not in page and ">Fait<" not in page
    assert "Enregistrer ces informations" not in page
    refused = [
        client.post(url(incident, "etapes/"), {"step_id": "isolate"}, follow=True),
        client.post(url(incident, "journal/"), {"text": "Après clôture"}, follow=True),
        client.post(url(incident, "informations/"), {"contacted": "Paul"}, follow=True),
        client.post(url(incident, "donnees-patients/"), {"risk": "high"}, follow=True),
        client.post(url(incident, "cloturer/"), {"what_happened": "Autre"}, follow=True),
    ]
    for response in refused:
        assert "Cet incident est clôturé" in response.content.decode()
    incident.refresh_from_db()
    assert incident.lessons_what_happened == "Faux mail"  # not overwritten
    assert incident.contacted == "" and not StepDone.objects.filter(incident=incident).exists()
    assert not JournalEntry.objects.filter(text="Après clôture").exists()
    # Reopened (journaled), it can be completed again.
    assert client.post(url(incident, "rouvrir/")).status_code == 302
    incident.refresh_from_db()
    assert incident.closed_at is None
    texts = list(JournalEntry.objects.filter(incident=incident).values_list("text", flat=True))
    assert texts[-1] == "Incident rouvert."
    assert client.post(url(incident, "journal/"), {"text": "Après réouverture"}).status_code == 302


def test_another_practices_incident_is_404(personas: Any) -> None:
    other = make_incident(personas.practice_b, personas.owner_b)
    client = as_user(personas.owner_a)
    forged = f"{base(personas.practice_a)}{other.pk}/"
    assert client.get(forged).status_code == 404
    assert client.post(forged + "journal/", {"text": "x"}).status_code == 404
    assert client.post(forged + "etapes/", {"step_id": "isolate"}).status_code == 404
    assert as_user(personas.owner_b).get(base(personas.practice_a)).status_code == 404
    assert not JournalEntry.objects.exists()


def test_post_only_urls_refuse_get(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = as_user(personas.owner_a)
    for suffix in ("etapes/", "journal/", "informations/", "donnees-patients/"):
        assert client.get(url(incident, suffix)).status_code == 405


def test_a_journal_draft_survives_marking_a_step_done(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = as_user(personas.member_a)
    client.post(url(incident, "etapes/"), {"step_id": "isolate", "draft": "Poste 2 débranché"})
    page = client.get(url(incident)).content.decode()
    assert "Poste 2 débranché</textarea>" in page
    # Shown once, then forgotten: the next visit starts empty.
    assert "Poste 2 débranché</textarea>" not in client.get(url(incident)).content.decode()


def test_the_personal_data_answer_changes_at_any_time_and_is_journaled(personas: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a, patient_data="unknown")
    client = as_user(personas.member_a)
    page = client.get(url(incident)).content.decode()
    assert "patients, équipe, fournisseurs" in page and "Réponse actuelle" in page
    response = client.post(url(incident, "donnees-personnelles/"), {"patient_data": "no"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.patient_data == "no"
    entry = JournalEntry.objects.filter(incident=incident).last()
    assert entry is not None and fr("« Je ne sais pas » → « Non »") in entry.text
    assert "Notification à la CNIL" not in client.get(url(incident)).content.decode()
    bad = client.post(url(incident, "donnees-personnelles/"), {"patient_data": "peut-être"})
    assert bad.status_code == 200 and "Sélectionnez un choix valide" in bad.content.decode()


def test_the_start_form_asks_about_any_personal_data_and_defaults_to_unknown(
    personas: Any,
) -> None:
    page = as_user(personas.member_a).get(base(personas.practice_a) + "nouveau/").content.decode()
    assert "patients, équipe, fournisseurs" in page
    assert 'value="unknown" id="id_patient_data_2" checked' in page or (
        'value="unknown"' in page and "checked" in page.split('value="unknown"')[1][:40]
    )


def test_a_step_done_earlier_keeps_both_times(personas: Any) -> None:
    now = timezone.now()
    incident = make_incident(
        personas.practice_a, personas.owner_a, discovered_at=now - dt.timedelta(minutes=30)
    )
    client = as_user(personas.member_a)
    earlier = (now - dt.timedelta(minutes=10)).astimezone(PARIS)
    if earlier.date() != now.astimezone(PARIS).date():
        pytest.skip("just after midnight in Paris: 'earlier today' does not exist")
    response = client.post(
        url(incident, "etapes/"), {"step_id": "isolate", "done_time": f"{earlier:%H:%M}"}
    )
    assert response.status_code == 302
    step = StepDone.objects.get(incident=incident)
    assert step.done_at.astimezone(PARIS).strftime("%H:%M") == f"{earlier:%H:%M}"
    assert step.recorded_at is not None and step.recorded_at > step.done_at
    page = client.get(url(incident)).content.decode()
    assert "(noté le" in page


@pytest.mark.parametrize(
    ("offset", "message"),
    [(dt.timedelta(hours=2), "dans le futur"), (-dt.timedelta(hours=2), "avant la découverte")],
)
def test_a_done_time_in_the_future_or_before_discovery_is_refused(
    personas: Any, offset: dt.timedelta, message: str
) -> None:
    now = timezone.now()
    incident = make_incident(
        personas.practice_a, personas.owner_a, discovered_at=now - dt.timedelta(minutes=30)
    )
    when = (now + offset).astimezone(PARIS)
    if when.date() != now.astimezone(PARIS).date():
        pytest.skip("the time would fall on another day in Paris")
    response = as_user(personas.member_a).post(
        url(incident, "etapes/"), {"step_id": "isolate", "done_time": f"{when:%H:%M}"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StepDone.objects.filter(incident=incident).exists()


def test_one_step_per_screen_with_progress_then_the_whole_page(personas: Any, ref: Any) -> None:
    incident = make_incident(personas.practice_a, personas.owner_a)
    client = as_user(personas.member_a)
    total = len(ref.incident.steps)
    page = client.get(url(incident, "etape/1/")).content.decode()
    first, second = ref.incident.steps[0], ref.incident.steps[1]
    assert f"Étape 1 sur {total}" in page and f'<progress max="{total}" value="1"' in page
    assert escape(first.title) in page and escape(second.title) not in page
    assert "Tout le protocole sur une page" in page and f"{url(incident)}#journal" in page
    response = client.post(url(incident, "etapes/"), {"step_id": first.id, "screen": "1"})
    assert response["Location"] == url(incident, "etape/2/")  # « Fait » leads to the next step
    last = client.post(url(incident, "etapes/"), {"step_id": second.id, "screen": str(total)})
    assert last["Location"] == url(incident) + "#journal"  # after the last: the whole page
    assert client.get(url(incident, f"etape/{total + 1}/")).status_code == 404
