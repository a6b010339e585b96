"""The workspace's pages. They keep the names they had (`practices:dashboard`, `web:incident`,
...), which templates everywhere use: config/urls.py, the top layer, serves these patterns inside
those namespaces (practices and web themselves cannot import them)."""

from django.urls import path

from cyberdent.workspace.views import dashboard, data, incident

practice_urlpatterns = [
    path("cabinet/<id:practice_id>/", dashboard.dashboard, name="dashboard"),
    path("cabinet/<id:practice_id>/export/", data.export, name="export"),
    path("cabinet/<id:practice_id>/supprimer/", data.delete, name="delete"),
]

web_urlpatterns = [
    path("incident/", incident.incident, name="incident"),
]
