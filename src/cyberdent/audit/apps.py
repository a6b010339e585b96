from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cyberdent.audit"
    label = "audit"

    def ready(self) -> None:
        from cyberdent.audit import receivers

        receivers.connect()
