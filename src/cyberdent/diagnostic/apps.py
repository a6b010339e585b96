from django.apps import AppConfig


class DiagnosticConfig(AppConfig):
    name = "cyberdent.diagnostic"
    label = "diagnostic"
