from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "batayon.core"
    label = "core"
