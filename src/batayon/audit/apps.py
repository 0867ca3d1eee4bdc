from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "batayon.audit"
    label = "audit"
    verbose_name = _("বাইরের পোর্টাল নিরীক্ষা")
