"""Accepting an invitation from its link (/invitation/<secret>/)."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cyberdent.domain.roles import ROLE_LABELS, InvitationState, Role, invitation_state
from cyberdent.practices.models import Invitation
from cyberdent.practices.selectors import invitation_by_token, user_matches_invitation
from cyberdent.practices.services import InvitationUnavailable, invitation_accept

UNKNOWN = (
    "Ce lien d’invitation n’existe pas ou a été annulé. Vérifiez qu’il a été recopié en entier, "
    "ou demandez au titulaire du cabinet de vous inviter à nouveau."
)
EXPIRED = (
    "Ce lien d’invitation a expiré : il n’est valable que 7 jours. "
    "Demandez au titulaire du cabinet de vous inviter à nouveau."
)
USED = (
    "Ce lien d’invitation a déjà été utilisé : il ne sert qu’une fois. Si c’était vous, "
    "retrouvez le cabinet dans votre espace ; sinon, demandez une nouvelle invitation."
)
LOGIN_FIRST = (
    "Pour répondre à l’invitation, connectez-vous, ou créez votre compte avec l’adresse e-mail "
    "à laquelle vous avez reçu l’invitation."
)


def _unavailable(request: HttpRequest, state: InvitationState | None) -> HttpResponse:
    if state is None:
        title, message, status = "Invitation introuvable", UNKNOWN, 404
    elif state is InvitationState.EXPIRED:
        title, message, status = "Invitation expirée", EXPIRED, 410
    else:
        title, message, status = "Invitation déjà utilisée", USED, 410
    return render(
        request,
        "practices/invitation_unavailable.html",
        {"title": title, "message": message},
        status=status,
    )


def _state(invitation: Invitation) -> InvitationState:
    return invitation_state(
        expires_at=invitation.expires_at, accepted_at=invitation.accepted_at, now=timezone.now()
    )


@require_http_methods(["GET", "HEAD", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_by_token(token=token)
    if not request.user.is_authenticated:
        # allauth's login page links to sign-up with the same ?next=, so a newcomer comes back
        # here. The link was sent to the invited address, so holding a valid one shows that
        # address is theirs: the sign-up form is pre-filled with it and needs no confirmation
        # e-mail. Nothing else about the invitation is shown before login.
        if invitation is not None and _state(invitation) is InvitationState.VALID:
            get_adapter(request).stash_verified_email(request, invitation.email)
        messages.info(request, LOGIN_FIRST)
        return redirect_to_login(request.get_full_path())
    if invitation is None:
        return _unavailable(request, None)
    state = _state(invitation)
    if state is not InvitationState.VALID:
        return _unavailable(request, state)
    context = {
        "invitation": invitation,
        "practice": invitation.practice,
        "role_label": ROLE_LABELS[Role(invitation.role)],
        "email_matches": user_matches_invitation(user=request.user, invitation=invitation),
    }
    if request.method != "POST" or not context["email_matches"]:
        status = 403 if request.method == "POST" else 200
        return render(request, "practices/invitation_accept.html", context, status=status)
    try:
        result = invitation_accept(invitation=invitation, user=request.user, request=request)
    except InvitationUnavailable as error:
        return _unavailable(request, error.args[0])
    practice = invitation.practice
    if result.already_member:
        messages.info(request, f"Vous faites déjà partie du cabinet « {practice.name} ».")
    else:
        messages.success(
            request,
            f"Bienvenue dans l’équipe du cabinet « {practice.name} » "
            f"({ROLE_LABELS[result.membership.role_enum]}).",
        )
    return redirect("practices:dashboard", practice_id=practice.pk)
