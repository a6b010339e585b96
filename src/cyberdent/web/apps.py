from django.apps import AppConfig
from django.urls import register_converter


class WebConfig(AppConfig):
    name = "cyberdent.web"
    label = "web"

    def ready(self) -> None:
        from cyberdent.web.converters import DatabaseIdConverter

        # Before any URLconf is loaded: every id in a URL is `<id:...>`.
        register_converter(DatabaseIdConverter, "id")
