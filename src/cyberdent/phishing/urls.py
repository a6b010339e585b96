from django.urls import path

from cyberdent.phishing import views_training

app_name = "phishing"
urlpatterns = [
    path("hameconnage/entrainement/", views_training.training_home, name="training"),
    path(
        "hameconnage/entrainement/<int:number>/",
        views_training.training_step,
        name="training_step",
    ),
    path(
        "hameconnage/entrainement/resultat/",
        views_training.training_result,
        name="training_result",
    ),
]
