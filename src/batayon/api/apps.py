from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "batayon.api"
    label = "api"
