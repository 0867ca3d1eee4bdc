"""Committees, their meetings and decisions, followed up meeting after meeting (R-4.2), and the
reports supervisors take to those meetings (R-4.3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "batayon.committees"
    label = "committees"
    verbose_name = _("কমিটি ও সভা")
