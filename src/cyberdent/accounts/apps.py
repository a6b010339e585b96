from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cyberdent.accounts"
    label = "accounts"
