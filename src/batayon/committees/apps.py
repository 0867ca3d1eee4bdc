"""Committees, their meetings and decisions, followed up meeting after meeting (R-4.2), and the
reports supervisors take to those meetings (R-4.3)."""

from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "batayon.committees"
    label = "committees"
    verbose_name = "কমিটি ও সভা (Committees)"
