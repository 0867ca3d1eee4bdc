from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "batayon.api"
    verbose_name = _("এপিআই ও অনুসন্ধান")
    label = "api"

    def ready(self) -> None:
        from . import signals

        signals.connect()
