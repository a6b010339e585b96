from django.urls import path

from cyberdent.phishing import views_checker
from cyberdent.phishing import views_training as views

app_name = "phishing"
_PRACTICE = "cabinet/<id:practice_id>/hameconnage/"
urlpatterns = [
    path("hameconnage/verifier/", views_checker.checker, name="checker"),
    path("hameconnage/entrainement/", views.training_home, name="training"),
    path("hameconnage/entrainement/<int:number>/", views.training_step, name="training_step"),
    path("hameconnage/entrainement/resultat/", views.training_result, name="training_result"),
    path(_PRACTICE, views.practice_training_home, name="practice_training"),
    path(f"{_PRACTICE}message/", views.practice_training_step, name="practice_training_step"),
    path(f"{_PRACTICE}resultat/", views.practice_training_result, name="practice_training_result"),
    path(
        f"{_PRACTICE}registre/", views.practice_training_register, name="practice_training_register"
    ),
]
