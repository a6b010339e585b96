"""Isolation specs of CyberDent's own account pages (allauth's are checked as a group)."""

from tests.isolation import PublicUrl

PUBLIC = [
    PublicUrl("accounts:overview", private=True),
    PublicUrl("accounts:delete", private=True),
    PublicUrl("accounts:display_name", private=True),
    PublicUrl("accounts:resend_confirmation"),
    PublicUrl("accounts:activate_totp", private=True),
    PublicUrl("accounts:recovery_codes", private=True),
]
