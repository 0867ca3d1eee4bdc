from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "batayon.compliance"
    label = "compliance"
    verbose_name = "নিয়মাবলি ও মূল্যায়ন (Compliance)"

    def ready(self) -> None:
        from . import signals

        signals.connect()
