from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "cyberdent.workspace"
    label = "workspace"
