from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the platform: periodic jobs and their heartbeats, health, metrics, backups."""

    name = "batayon.ops"
    label = "ops"
    verbose_name = _("পরিচালনা")
