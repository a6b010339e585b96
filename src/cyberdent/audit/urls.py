"""The practice's journal, under /cabinet/<practice_id>/journal/ (see config/urls.py)."""

from django.urls import path

from cyberdent.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_log, name="log"),
]
