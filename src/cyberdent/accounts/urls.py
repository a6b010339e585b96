"""Account pages under /comptes/, next to allauth's (config/urls.py includes this file first).

Two paths are allauth's own, served by our subclasses so that activating two-factor login
leads back to the practice (see mfa_views.py); their allauth URL names still reverse to them.
"""

from django.urls import path

from cyberdent.accounts import mfa_views, views

app_name = "accounts"
urlpatterns = [
    path("mon-compte/", views.overview, name="overview"),
    path("mon-compte/nom/", views.display_name, name="display_name"),
    path("supprimer/", views.delete, name="delete"),
    path("confirmation/renvoyer/", views.resend_confirmation, name="resend_confirmation"),
    path("2fa/totp/activate/", mfa_views.activate_totp, name="activate_totp"),
    path("2fa/recovery-codes/", mfa_views.view_recovery_codes, name="recovery_codes"),
]
