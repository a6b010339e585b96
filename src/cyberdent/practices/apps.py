from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "cyberdent.practices"
    label = "practices"
