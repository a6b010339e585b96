from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "cyberdent.incidents"
    label = "incidents"
