from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "batayon.history"
    label = "history"
    verbose_name = _("ইতিহাস ও নিরীক্ষা লগ")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login failures into the audit log)
