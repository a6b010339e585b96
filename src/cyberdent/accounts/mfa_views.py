"""allauth's two-factor pages, with one change: after setting it up, back to the practice.

A practice that requires two-factor login sends its members to the activation page
(cyberdent.practices.access). Once the app is activated they see their recovery codes, then a
"continue" button takes them to where they were going (`next`) or to their practice space.
These views are served at allauth's own paths (accounts/urls.py comes first in config/urls.py).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from allauth.mfa.recovery_codes import views as recovery_codes_views
from allauth.mfa.totp import views as totp_views
from django.http import HttpRequest
from django.urls import reverse

from cyberdent.web.redirects import safe_next_url


def continue_url(request: HttpRequest) -> str:
    """Where to go once two-factor login is set up."""
    return safe_next_url(request, request.GET.get("next")) or reverse("practices:home")


class ActivateTOTPView(totp_views.ActivateTOTPView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        raw = self.request.POST.get("next") or self.request.GET.get("next")
        context["next_url"] = safe_next_url(self.request, raw)
        return context

    def get_success_url(self) -> str:
        target = safe_next_url(self.request, self.request.POST.get("next"))
        if self.did_generate_recovery_codes:
            # Show the new recovery codes first: they are the way back in if the phone is lost.
            url = reverse("mfa_view_recovery_codes")
            return f"{url}?{urlencode({'next': target})}" if target else url
        return target or reverse("practices:home")


class ViewRecoveryCodesView(recovery_codes_views.ViewRecoveryCodesView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["continue_url"] = continue_url(self.request)
        return context


activate_totp = ActivateTOTPView.as_view()
view_recovery_codes = ViewRecoveryCodesView.as_view()
