"""A revision per save of a content record, and an audit entry per action.

Both are written by ``batayon.history.services`` inside the same transaction as the change
itself, so a change is never stored without its record, nor a record without its change.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from batayon.offices.models import Office


class Revision(models.Model):
    """The full state of one content record after one save."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("সংস্করণ")
        verbose_name_plural = _("সংস্করণসমূহ")
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        indexes = (models.Index(fields=["content_type", "object_id", "version"]),)

    def __str__(self) -> str:
        return f"{self.content_type.model}#{self.object_id} v{self.version}"


class AuditEntry(models.Model):
    """Who did what, when, to which record, and from where."""

    class Action(models.TextChoices):
        CREATE = "create", _("তৈরি")
        UPDATE = "update", _("পরিবর্তন")
        DELETE = "delete", _("মুছে ফেলা")
        SUBMIT = "submit", _("অনুমোদনের জন্য পাঠানো")
        PUBLISH = "publish", _("প্রকাশ")
        APPROVE = "approve", _("অনুমোদন")
        RESTORE = "restore", _("পুরোনো সংস্করণ ফেরত")
        CONFIRM = "confirm", _("হালনাগাদ নিশ্চিতকরণ")
        IMPORT = "import", _("ফাইল থেকে আমদানি")
        TRANSFER = "transfer", _("বদলি")
        EMAIL = "email", _("ই-মেইল প্রেরণ")
        LOGIN_FAILURE = "login_failure", _("ব্যর্থ লগইন")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)  # kept if the user is deleted
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.CASCADE, related_name="audit")
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    # {"field": [old, new]} for an update; notes such as {"rows": 12} for an import.
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("নিরীক্ষা লগের ভুক্তি")
        verbose_name_plural = _("নিরীক্ষা লগের ভুক্তিসমূহ")
        ordering: ClassVar[list[str]] = ["-at", "-id"]
        indexes = (
            models.Index(fields=["office", "at"]),
            models.Index(fields=["content_type", "object_id"]),
        )

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_repr}"
