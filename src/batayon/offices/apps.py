from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "batayon.offices"
    verbose_name = _("দপ্তর ও এলাকা")
    label = "offices"
