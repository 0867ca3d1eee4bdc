from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "batayon.portal"
    label = "portal"
