"""The practice's side: withdrawing its contributions (an owner's decision)."""

from django.urls import path

from cyberdent.observatory import views_contribute

urlpatterns = [
    path(
        "cabinet/<id:practice_id>/observatoire/retirer/",
        views_contribute.practice_withdraw_view,
        name="practice_withdraw",
    ),
]
