from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "batayon.portal"
    verbose_name = _("পোর্টাল")
    label = "portal"
