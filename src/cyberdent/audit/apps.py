from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cyberdent.audit"
    label = "audit"
