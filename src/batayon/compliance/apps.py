from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "batayon.compliance"
    label = "compliance"
    verbose_name = _("নিয়মাবলি ও মূল্যায়ন")

    def ready(self) -> None:
        from . import signals

        signals.connect()
