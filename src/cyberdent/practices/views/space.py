"""The person's space: their practices (and the switch between them), creating a practice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cyberdent.domain.roles import ROLE_LABELS
from cyberdent.practices.forms import PracticeCreateForm
from cyberdent.practices.selectors import memberships_of_user
from cyberdent.practices.services import practice_create
from cyberdent.web.redirects import safe_next_url


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    practices = [
        {"practice": m.practice, "role_label": ROLE_LABELS[m.role_enum]}
        for m in memberships_of_user(user=request.user)
    ]
    return render(request, "practices/home.html", {"practices": practices})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def create(request: HttpRequest) -> HttpResponse:
    # "Enregistrer dans mon espace" sends someone without a practice here with next= the save
    # page: once the practice exists, the anonymous result is saved into it. Only a page of
    # this site is followed (no open redirect).
    next_url = safe_next_url(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        form = PracticeCreateForm(request.POST)
        if form.is_valid():
            practice = practice_create(
                name=form.cleaned_data["name"],
                department=form.cleaned_data["department"],
                team_size=form.cleaned_data["team_size"],
                user=request.user,
                request=request,
            )
            messages.success(
                request, f"Le cabinet « {practice.name} » est créé. Vous en êtes titulaire."
            )
            if next_url:
                return redirect(next_url)
            return redirect("practices:dashboard", practice_id=practice.pk)
    else:
        form = PracticeCreateForm()
    # The template carries `next_url` in a hidden field so that the POST keeps it.
    return render(request, "practices/create.html", {"form": form, "next_url": next_url})
