from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "cyberdent.assessments"
    label = "assessments"
