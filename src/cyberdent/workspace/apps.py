from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "cyberdent.workspace"
    label = "workspace"

    def ready(self) -> None:
        from cyberdent.workspace import receivers

        receivers.connect()
