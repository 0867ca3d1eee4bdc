from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "batayon.workspace"
    verbose_name = _("কর্মক্ষেত্র")
    label = "workspace"
