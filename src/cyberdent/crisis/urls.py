"""Included at "": full paths under /cabinet/<id:practice_id>/protocole/."""

from django.urls import path

from cyberdent.crisis import views

app_name = "crisis"
urlpatterns = [
    path("cabinet/<id:practice_id>/protocole/", views.protocol, name="protocol"),
    path("cabinet/<id:practice_id>/protocole/modifier/", views.protocol_edit, name="edit"),
    path(
        "cabinet/<id:practice_id>/protocole/fiche-reflexe.pdf",
        views.protocol_poster,
        name="poster",
    ),
]
