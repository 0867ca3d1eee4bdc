from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "batayon.compliance"
    label = "compliance"
