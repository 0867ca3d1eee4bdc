from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the platform: periodic jobs and their heartbeats, health, metrics, backups."""

    name = "batayon.ops"
    label = "ops"
    verbose_name = "Operations"
