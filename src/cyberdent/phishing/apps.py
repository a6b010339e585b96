from django.apps import AppConfig


class PhishingConfig(AppConfig):
    name = "cyberdent.phishing"
    label = "phishing"
