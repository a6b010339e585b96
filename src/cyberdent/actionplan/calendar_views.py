"""Calendar reminders: the explanation page, the .ics download, and the subscribable feed
whose secret link the owner creates, renews and revokes."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from cyberdent.actionplan.ical import calendar_ics
from cyberdent.actionplan.models import CalendarFeed
from cyberdent.actionplan.selectors import calendar_events, diagnostic_latest
from cyberdent.actionplan.services import (
    calendar_feed_renew,
    calendar_feed_revoke,
    feed_token_hash,
)
from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess, practice_view
from cyberdent.practices.models import Practice
from cyberdent.web.shown_once import keep_to_show, value_to_show
from cyberdent.web.views import attachment_response, file_slug

# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours.
MAX_TOKEN_LENGTH = 100


FEED_SHOWN = "calendar_feed"


def _ics_response(practice: Practice, *, filename: str | None = None) -> HttpResponse:
    """The practice's calendar: a download when `filename` is given, else a feed body."""
    now = timezone.now()
    body = calendar_ics(
        events=calendar_events(practice=practice, now=now),
        name=f"CyberDent — {practice.name}",
        now=now,
    )
    content_type = "text/calendar; charset=utf-8"
    if filename:
        return attachment_response(body, filename, content_type)
    return HttpResponse(body, content_type=content_type)


def _calendar_page(
    request: HttpRequest, access: PracticeAccess, *, feed_url: str | None = None
) -> HttpResponse:
    practice = access.practice
    feed = CalendarFeed.objects.filter(practice=practice).first()
    return render(
        request,
        "actionplan/calendar.html",
        {
            "practice": practice,
            "events": calendar_events(practice=practice, now=timezone.now()),
            "has_diagnostic": diagnostic_latest(practice=practice) is not None,
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": feed_url.replace("https://", "webcal://", 1)
            if feed_url and feed_url.startswith("https://")
            else None,
            "can_manage": access.can(Permission.MANAGE_SETTINGS),
            "can_change_slot": access.can(Permission.MANAGE_SETTINGS),
        },
    )


@practice_view(Permission.VIEW)
@require_safe
def calendar_page(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    token = value_to_show(request, FEED_SHOWN, owner=access.practice.pk)
    feed = CalendarFeed.objects.filter(practice=access.practice).first()
    feed_url = None
    # Revoked or renewed since (by anyone): the link kept would no longer work.
    if token and feed is not None and feed.token_hash == feed_token_hash(token):
        feed_url = request.build_absolute_uri(reverse("actionplan:feed", kwargs={"token": token}))
    response = _calendar_page(request, access, feed_url=feed_url)
    if feed_url:
        response["Cache-Control"] = "no-store"
    return response


@practice_view(Permission.VIEW)
@require_safe
def calendar_download(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    filename = f"cyberdent-rappels-{file_slug(access.practice.name)}.ics"
    return _ics_response(access.practice, filename=filename)


@practice_view(Permission.MANAGE_SETTINGS)
@require_POST
def feed_renew(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    token = calendar_feed_renew(practice=access.practice, request=request)
    # Only the hash is stored: the full link is shown on the calendar page, for a while, to
    # this browser only (see web/shown_once.py); a reload never renews it again.
    keep_to_show(request, FEED_SHOWN, owner=access.practice.pk, value=token)
    return redirect("actionplan:calendar", practice_id=access.practice.pk)


@practice_view(Permission.MANAGE_SETTINGS)
@require_POST
def feed_revoke(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    if calendar_feed_revoke(practice=access.practice, request=request):
        messages.success(
            request,
            "Le lien d’abonnement est révoqué : les agendas abonnés ne recevront plus les "
            "rappels. Vous pouvez en créer un nouveau à tout moment.",
        )
    else:
        messages.info(request, "Il n’y avait pas de lien d’abonnement à révoquer.")
    return redirect("actionplan:calendar", practice_id=access.practice.pk)


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the secret link is the only key. Unknown or revoked → 404."""
    if len(token) > MAX_TOKEN_LENGTH:
        raise Http404
    subscription = (
        CalendarFeed.objects.select_related("practice")
        .filter(token_hash=feed_token_hash(token))
        .first()
    )
    if subscription is None:
        raise Http404
    response = _ics_response(subscription.practice)
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
