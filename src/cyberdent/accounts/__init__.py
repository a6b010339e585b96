"""Accounts: django-allauth glue (adapter, layout, account deletion, 2FA enforcement)."""
