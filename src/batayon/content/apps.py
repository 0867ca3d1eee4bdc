from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "batayon.content"
    label = "content"

    def ready(self) -> None:
        from . import changes

        changes.connect()
