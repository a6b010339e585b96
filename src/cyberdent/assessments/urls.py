"""Included at /cabinet/<id:practice_id>/diagnostics/: every view receives practice_id."""

from django.urls import path

from cyberdent.assessments import report_views, views

app_name = "assessments"
urlpatterns = [
    path("", views.diagnostic_history_view, name="history"),
    path("nouveau/", views.diagnostic_new, name="new"),
    path("comparer/", views.diagnostic_compare_view, name="compare"),
    path("<id:diagnostic_id>/", views.diagnostic_detail, name="detail"),
    path("<id:diagnostic_id>/rapport.pdf", report_views.diagnostic_report_pdf, name="report"),
]
