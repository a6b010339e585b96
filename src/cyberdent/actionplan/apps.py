from django.apps import AppConfig


class ActionplanConfig(AppConfig):
    name = "cyberdent.actionplan"
    label = "actionplan"
