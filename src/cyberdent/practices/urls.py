"""The practice space: /espace/ (the person's practices), /cabinet/<id>/... (one practice),
/invitation/<secret>/ (joining a team). Every /cabinet/ view goes through practice_view.

The pages that compose every feature (the dashboard, export, deletion) live in
cyberdent.workspace and are served in this same `practices` namespace by config/urls.py."""

from django.urls import path

from cyberdent.practices.views import invitations, practice_settings, space, team

app_name = "practices"
urlpatterns = [
    path("espace/", space.home, name="home"),
    path("espace/nouveau/", space.create, name="create"),
    path("cabinet/<id:practice_id>/equipe/", team.team, name="team"),
    path("cabinet/<id:practice_id>/equipe/inviter/", team.invite, name="invite"),
    path(
        "cabinet/<id:practice_id>/equipe/invitations/<id:invitation_id>/envoyee/",
        team.invitation_sent,
        name="invitation_sent",
    ),
    path(
        "cabinet/<id:practice_id>/equipe/invitations/<id:invitation_id>/annuler/",
        team.cancel_invitation,
        name="cancel_invitation",
    ),
    path(
        "cabinet/<id:practice_id>/equipe/<id:membership_id>/role/",
        team.change_role,
        name="change_role",
    ),
    path(
        "cabinet/<id:practice_id>/equipe/<id:membership_id>/retirer/",
        team.remove_member,
        name="remove_member",
    ),
    path("cabinet/<id:practice_id>/quitter/", team.leave, name="leave"),
    path("cabinet/<id:practice_id>/parametres/", practice_settings.settings, name="settings"),
    path("invitation/<str:token>/", invitations.accept_invitation, name="accept_invitation"),
]
