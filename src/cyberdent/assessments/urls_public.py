"""Included at /espace/: pages of the person's own space outside one practice."""

from django.urls import path

from cyberdent.assessments import views_public

app_name = "assessments_public"
urlpatterns = [
    path("enregistrer/", views_public.diagnostic_save_from_result, name="save"),
]
