from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "batayon.content"
    verbose_name = _("পোর্টালের বিষয়বস্তু")
    label = "content"

    def ready(self) -> None:
        from . import changes

        changes.connect()
