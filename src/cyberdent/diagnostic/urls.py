from django.urls import path

from cyberdent.diagnostic import contribute_views, views

app_name = "diagnostic"
urlpatterns = [
    path("", views.diagnostic_form, name="form"),
    path("resultat/", views.diagnostic_result, name="result"),
    path("rapport.pdf", views.diagnostic_report_pdf, name="report"),
    path("contribuer/", contribute_views.contribute, name="contribute"),
    path("retirer/", contribute_views.withdraw_visitor, name="withdraw"),
]
