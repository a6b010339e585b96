from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "cyberdent.web"
    label = "web"
