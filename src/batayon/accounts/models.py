"""Who may do what for which office: one membership row per (user, office, role)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from batayon.offices.models import Office


class Role(models.TextChoices):
    EDITOR = "editor", _("সম্পাদক")
    HEAD = "head", _("দপ্তর প্রধান")
    SUPERVISOR = "supervisor", _("তত্ত্বাবধায়ক")
    ADMIN = "admin", _("জাতীয় প্রশাসক")


class Membership(models.Model):
    """A user's role at an office.

    An editor or head acts on that office only. A supervisor's office names the subtree they
    follow (a UNO office: the upazila and its unions; a DC office: the district; a ministry:
    its agencies and their field offices). An admin acts everywhere.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("সদস্যপদ")
        verbose_name_plural = _("সদস্যপদসমূহ")
        constraints = (models.UniqueConstraint(fields=["user", "office", "role"], name="one_role_per_office"),)
        indexes = (models.Index(fields=["office", "role"]),)

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.office.domain}"
