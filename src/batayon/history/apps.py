from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "batayon.history"
    label = "history"
    verbose_name = "ইতিহাস ও নিরীক্ষা লগ"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login failures into the audit log)
