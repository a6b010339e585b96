from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    name = "cyberdent.observatory"
    label = "observatory"
