"""The team page: members, invitations (owners), role changes, removal, leaving."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cyberdent.domain.roles import ROLE_LABELS, Permission, Role, normalize_email
from cyberdent.practices.access import PracticeAccess, practice_view
from cyberdent.practices.forms import ROLE_CHOICES, InvitationForm, RoleChangeForm
from cyberdent.practices.models import Invitation, Membership
from cyberdent.practices.selectors import pending_invitations, practice_members
from cyberdent.practices.services import (
    ActorNoLongerAllowed,
    LastOwnerError,
    invitation_cancel,
    invitation_create,
    membership_change_role,
    membership_leave,
    membership_remove,
)
from cyberdent.web.people import person
from cyberdent.web.shown_once import keep_to_show, value_to_show

INVITATION_SHOWN = "invitation_link"
INVITE_RATE_ACTION = "cyberdent_invite"
INVITE_RATE_MESSAGE = (
    "Vous avez envoyé beaucoup d’invitations en peu de temps : réessayez dans une heure."
)


def _member_emails(access: PracticeAccess) -> frozenset[str]:
    return frozenset(
        normalize_email(m.user.email) for m in practice_members(practice=access.practice)
    )


def _render_team(
    request: HttpRequest, access: PracticeAccess, invite_form: InvitationForm | None = None
) -> HttpResponse:
    members = [
        {
            "membership": m,
            "role_label": ROLE_LABELS[m.role_enum],
            "is_me": m.user_id == request.user.pk,
        }
        for m in practice_members(practice=access.practice)
    ]
    manages = access.can(Permission.MANAGE_TEAM)
    invitations = [
        {"invitation": inv, "role_label": ROLE_LABELS[Role(inv.role)]}
        for inv in (pending_invitations(practice=access.practice) if manages else [])
    ]
    return render(
        request,
        "practices/team.html",
        {
            "access": access,
            "practice": access.practice,
            "members": members,
            "invitations": invitations,
            "manages": manages,
            "invite_form": invite_form or InvitationForm(),
            "role_choices": ROLE_CHOICES,
        },
    )


@require_safe
@practice_view(Permission.VIEW)
def team(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    return _render_team(request, access)


@require_POST
@practice_view(Permission.MANAGE_TEAM)
def invite(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    form = InvitationForm(request.POST, member_emails=_member_emails(access))
    if not form.is_valid():
        return _render_team(request, access, invite_form=form)
    # Invitations send email from CyberDent's address: a cap keeps the app from being a spam relay.
    if not ratelimit.consume(request, action=INVITE_RATE_ACTION, user=request.user):
        form.add_error(None, INVITE_RATE_MESSAGE)
        return _render_team(request, access, invite_form=form)
    sent = invitation_create(
        practice=access.practice,
        email=form.cleaned_data["email"],
        role=Role(form.cleaned_data["role"]),
        request=request,
    )
    # Only the hash is stored: the link is shown on the next page, for a while, to this browser
    # only (see web/shown_once.py); a reload never sends a second invitation.
    keep_to_show(request, INVITATION_SHOWN, owner=sent.invitation.pk, value=sent.link)
    return redirect(
        "practices:invitation_sent",
        practice_id=access.practice.pk,
        invitation_id=sent.invitation.pk,
    )


@require_safe
@practice_view(Permission.MANAGE_TEAM)
def invitation_sent(
    request: HttpRequest, access: PracticeAccess, invitation_id: int
) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id, practice=access.practice)
    response = render(
        request,
        "practices/invitation_sent.html",
        {
            "access": access,
            "practice": access.practice,
            "invitation": invitation,
            "role_label": ROLE_LABELS[Role(invitation.role)],
            "link": value_to_show(request, INVITATION_SHOWN, owner=invitation.pk),
        },
    )
    response["Cache-Control"] = "no-store"  # the link must not stay in a cache
    return response


@require_POST
@practice_view(Permission.MANAGE_TEAM)
def cancel_invitation(
    request: HttpRequest, access: PracticeAccess, invitation_id: int
) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, practice=access.practice, accepted_at__isnull=True
    )
    invitation_cancel(invitation=invitation)
    messages.success(
        request, f"L’invitation de {invitation.email} est annulée : son lien ne fonctionne plus."
    )
    return redirect("practices:team", practice_id=access.practice.pk)


@require_POST
@practice_view(Permission.MANAGE_TEAM)
def change_role(request: HttpRequest, access: PracticeAccess, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("user", "practice"),
        pk=membership_id,
        practice=access.practice,
    )
    form = RoleChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez un des rôles proposés. Le rôle n’a pas changé.")
        return redirect("practices:team", practice_id=access.practice.pk)
    role = Role(form.cleaned_data["role"])
    try:
        membership_change_role(membership=membership, role=role, request=request)
    except (ActorNoLongerAllowed, Membership.DoesNotExist):
        raise Http404 from None  # removed or demoted a moment ago, by another owner
    except LastOwnerError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{person(membership.user)} est maintenant {ROLE_LABELS[role]}.")
    return redirect("practices:team", practice_id=access.practice.pk)


@require_POST
@practice_view(Permission.MANAGE_TEAM)
def remove_member(request: HttpRequest, access: PracticeAccess, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("user", "practice"),
        pk=membership_id,
        practice=access.practice,
    )
    try:
        membership_remove(membership=membership, request=request)
    except (ActorNoLongerAllowed, Membership.DoesNotExist):
        raise Http404 from None  # removed or demoted a moment ago, by another owner
    except LastOwnerError as error:
        messages.error(request, str(error))
        return redirect("practices:team", practice_id=access.practice.pk)
    if membership.user_id == request.user.pk:
        messages.success(request, f"Vous avez quitté le cabinet « {access.practice.name} ».")
        return redirect("practices:home")
    messages.success(request, f"{person(membership.user)} ne fait plus partie de l’équipe.")
    return redirect("practices:team", practice_id=access.practice.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@practice_view(Permission.VIEW, require_mfa=False)
def leave(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    if request.method == "POST":
        try:
            membership_leave(membership=access.membership, request=request)
        except Membership.DoesNotExist:
            raise Http404 from None  # removed a moment ago by an owner
        except LastOwnerError as error:
            messages.error(request, str(error))
            return redirect("practices:team", practice_id=access.practice.pk)
        messages.success(request, f"Vous avez quitté le cabinet « {access.practice.name} ».")
        return redirect("practices:home")
    return render(
        request,
        "practices/leave.html",
        {"access": access, "practice": access.practice, "role_label": ROLE_LABELS[access.role]},
    )
