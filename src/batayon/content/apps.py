from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "batayon.content"
    label = "content"
