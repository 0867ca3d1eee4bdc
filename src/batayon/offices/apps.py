from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "batayon.offices"
    label = "offices"
