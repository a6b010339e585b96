"""The tracked plan and the calendar reminders. Included at "" in the project's URLs, so the
paths here are full; every /cabinet/ view goes through practice_view."""

from django.urls import path

from cyberdent.actionplan import calendar_views, views

app_name = "actionplan"
urlpatterns = [
    path("cabinet/<id:practice_id>/plan/", views.plan, name="plan"),
    path("cabinet/<id:practice_id>/plan/<id:item_id>/", views.action_update, name="update"),
    path("cabinet/<id:practice_id>/plan/<id:item_id>/rapide/", views.action_quick, name="quick"),
    path("cabinet/<id:practice_id>/calendrier/", calendar_views.calendar_page, name="calendar"),
    path("cabinet/<id:practice_id>/calendrier.ics", calendar_views.calendar_download, name="ics"),
    path(
        "cabinet/<id:practice_id>/calendrier/lien/",
        calendar_views.feed_renew,
        name="feed_renew",
    ),
    path(
        "cabinet/<id:practice_id>/calendrier/lien/revoquer/",
        calendar_views.feed_revoke,
        name="feed_revoke",
    ),
    # Public: a calendar app fetches it without logging in; the secret token is the key.
    path("calendrier/<str:token>.ics", calendar_views.feed, name="feed"),
]
