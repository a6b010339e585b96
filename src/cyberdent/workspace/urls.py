"""The workspace's pages. They keep the names they had in the `practices` namespace
(`practices:dashboard`, ...), which templates everywhere use: config/urls.py, the top layer,
serves these patterns inside that namespace (practices itself cannot import them)."""

from django.urls import path

from cyberdent.workspace.views import dashboard, data

practice_urlpatterns = [
    path("cabinet/<id:practice_id>/", dashboard.dashboard, name="dashboard"),
    path("cabinet/<id:practice_id>/export/", data.export, name="export"),
    path("cabinet/<id:practice_id>/supprimer/", data.delete, name="delete"),
]
