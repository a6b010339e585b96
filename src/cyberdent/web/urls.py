from django.urls import path

from cyberdent.web import health, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("pourquoi-se-proteger/", views.why_protect, name="why_protect"),
    path("incident/fiche-reflexe/", views.poster, name="poster"),
    path("mesures/", views.measures, name="measures"),
    path("a-propos/", views.about, name="about"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sante/", health.health, name="health"),
]
