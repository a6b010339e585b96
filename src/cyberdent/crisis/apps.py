from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "cyberdent.crisis"
    label = "crisis"
