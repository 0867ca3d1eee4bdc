"""API keys for systems that write, and the search index over every portal."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from batayon.offices.models import Area, Office

KEY_PREFIX = "bty"


def _hash(raw: str) -> str:
    # Keys are 256-bit random strings, so a plain SHA-256 is enough: nothing to brute-force,
    # and every write request checks one without the cost of a password hasher.
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKey(models.Model):
    """A key that lets another system (e.g. e-Nothi) write to one office's portal.

    Only a hash is stored; the key itself is shown once, when it is created.
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(_("নাম"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True)  # the public part, to find the row
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("এপিআই চাবি")
        verbose_name_plural = _("এপিআই চাবিসমূহ")
        ordering: ClassVar[list[str]] = ["office_id", "created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.office.domain})"

    @classmethod
    def issue(cls, office: Office, name: str) -> tuple[ApiKey, str]:
        """Create a key; returns the row and the key, which is never shown again."""
        prefix = secrets.token_hex(6)
        raw = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
        return cls.objects.create(office=office, name=name, prefix=prefix, key_hash=_hash(raw)), raw

    @classmethod
    def authenticate(cls, raw: str) -> ApiKey | None:
        """The live key for ``raw``, or None; marks it used."""
        parts = (raw or "").strip().split("_")
        if len(parts) < 3 or parts[0] != KEY_PREFIX:
            return None
        key = cls.objects.select_related("office").filter(prefix=parts[1], revoked_at__isnull=True).first()
        if key is None or not hmac.compare_digest(key.key_hash, _hash(raw.strip())):
            return None
        now = timezone.now()
        if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
            # At most one write a minute per key for bookkeeping.
            cls.objects.filter(pk=key.pk).update(last_used_at=now)
            key.last_used_at = now
        return key

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class SearchDocument(models.Model):
    """One searchable thing: an officer, a service, a notice or an office.

    The ``*_terms`` columns hold normalised, spelling-folded words (see ``api.normalise``),
    weighted by where they come from: the thing's own name counts most, then what it is
    (designation, service details), then where it is (office name, places in both
    languages), then the body of a notice. The database's full-text index is built over
    them: FTS5 on SQLite, a generated ``tsvector`` (and ``pg_trgm`` on the vocabulary) on
    PostgreSQL; both are created by migration 0002. ``data`` is what a result shows, so a
    search needs no join.
    """

    class Kind(models.TextChoices):
        OFFICER = "officer", _("কর্মকর্তা/কর্মচারী")
        SERVICE = "service", _("সেবা")
        NOTICE = "notice", _("নোটিশ")
        OFFICE = "office", _("দপ্তর")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    upazila = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name_terms = models.TextField(blank=True)
    main_terms = models.TextField(blank=True)
    context_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("অনুসন্ধানের নথি")
        verbose_name_plural = _("অনুসন্ধানের নথিসমূহ")
        constraints = (models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique"),)
        indexes = (models.Index(fields=["office", "kind"]),)

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SearchTerm(models.Model):
    """The vocabulary of the index (names, designations, places): where a misspelled word
    finds the word that was meant, by trigram similarity."""

    term = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("অনুসন্ধানের শব্দ")
        verbose_name_plural = _("অনুসন্ধানের শব্দসমূহ")

    def __str__(self) -> str:
        return self.term
