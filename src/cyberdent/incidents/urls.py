"""Included at "": full paths. /incident/guide/... is the anonymous mode (nothing stored);
/cabinet/<id>/incidents/... the practice's stored incidents (every view through practice_view)."""

from django.urls import path

from cyberdent.incidents import views, views_guide

app_name = "incidents"
INCIDENT = "cabinet/<id:practice_id>/incidents/<id:incident_id>/"
urlpatterns = [
    path("incident/guide/", views_guide.guide_start, name="guide_start"),
    path("incident/guide/suivi/", views_guide.guide, name="guide"),
    path("incident/guide/dossier.pdf", views_guide.guide_pdf, name="guide_pdf"),
    path("cabinet/<id:practice_id>/incidents/", views.incident_list, name="list"),
    path("cabinet/<id:practice_id>/incidents/nouveau/", views.incident_new, name="new"),
    path(INCIDENT, views.incident_detail, name="detail"),
    path(INCIDENT + "etapes/", views.incident_step_done, name="step_done"),
    path(INCIDENT + "etape/<id:screen>/", views.incident_step_screen, name="step_screen"),
    path(INCIDENT + "journal/", views.incident_journal_add_view, name="journal_add"),
    path(INCIDENT + "informations/", views.incident_details, name="details"),
    path(INCIDENT + "donnees-patients/", views.incident_decision, name="decision"),
    path(INCIDENT + "donnees-personnelles/", views.incident_patient_data, name="patient_data"),
    path(INCIDENT + "cloturer/", views.incident_close_view, name="close"),
    path(INCIDENT + "rouvrir/", views.incident_reopen_view, name="reopen"),
    path(INCIDENT + "dossier.pdf", views.incident_pdf, name="pdf"),
]
