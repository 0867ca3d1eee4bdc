"""Audit runs of portals hosted elsewhere, their observations with evidence, and the shared
link checker's results (one row per distinct URL, whoever links it)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from batayon.offices.models import Office


class AuditRun(models.Model):
    """One crawl of one office's portal; ``is_latest`` marks the run the engine reads."""

    class Outcome(models.TextChoices):
        OK = "ok", _("নিরীক্ষা সম্পন্ন")
        UNREACHABLE = "unreachable", _("পোর্টালে পৌঁছানো যায়নি")
        REFUSED = "refused", _("অনুমোদিত নয় এমন ঠিকানা")
        ROBOTS = "robots", _("robots.txt নিরীক্ষা নিষেধ করেছে")

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="audit_runs")
    base_url = models.CharField(max_length=500)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    is_latest = models.BooleanField(default=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    error = models.CharField(max_length=200, blank=True)
    pages = models.PositiveIntegerField(default=0)
    bytes = models.BigIntegerField(default=0)
    home_title = models.CharField(max_length=300, blank=True)
    home_sections = models.PositiveSmallIntegerField(default=0)
    https = models.BooleanField(null=True)
    hsts_max_age = models.PositiveIntegerField(null=True, blank=True)
    cert_expires_at = models.DateTimeField(null=True, blank=True)
    missing_headers = models.JSONField(default=list, blank=True)
    has_bangla = models.BooleanField(null=True)
    has_english = models.BooleanField(null=True)
    defaced = models.BooleanField(default=False)
    # Findings that are not checklist items (web security, defacement, robots, slow pages),
    # as codes and parameters; the words are rendered late (findings.py).
    findings = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("নিরীক্ষার রান")
        verbose_name_plural = _("নিরীক্ষার রানসমূহ")
        constraints = (
            models.UniqueConstraint(
                fields=["office"], condition=Q(is_latest=True), name="audit_one_latest_run"
            ),
        )
        indexes = (models.Index(fields=["office", "-started_at"]),)

    def __str__(self) -> str:
        return f"{self.office.domain} {self.started_at:%Y-%m-%d %H:%M} {self.outcome}"

    def get_absolute_url(self) -> str:
        return reverse("audit:office", kwargs={"domain": self.office.domain})

    def cert_days_left(self, now: dt.datetime | None = None) -> int | None:
        if self.cert_expires_at is None:
            return None
        return (self.cert_expires_at - (now or timezone.now())).days


class Observation(models.Model):
    """What the auditor saw of one compliance source on one portal, with its evidence.

    ``n``, ``last_change``, ``blanks`` and ``untranslated`` are the metrics the compliance
    engine otherwise computes from the content tables (count, last change, rows without a
    field, rows in one language only), so the same rules give the same statuses.
    """

    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="observations")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=40)
    section = models.CharField(max_length=20, blank=True)
    n = models.PositiveIntegerField(default=0)
    last_change = models.DateField(null=True, blank=True)
    blanks = models.JSONField(default=dict, blank=True)
    untranslated = models.PositiveIntegerField(default=0)
    # [{"url", "text", "by": "text"|"href"|"page"|"date"|"link", "match"}]
    evidence = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("পর্যবেক্ষণ")
        verbose_name_plural = _("পর্যবেক্ষণসমূহ")
        constraints = (
            models.UniqueConstraint(fields=["run", "source"], name="audit_one_observation_per_source"),
        )
        indexes = (models.Index(fields=["office", "source"]),)

    def __str__(self) -> str:
        return f"{self.source}: n={self.n}"


class Link(models.Model):
    """The shared link checker's latest result for one URL (service boxes, audited portals).

    A URL is checked at most once a day whoever links it (``next_check_at``); a link never
    checked has no status and is not counted as working.
    """

    class Status(models.TextChoices):
        OK = "ok", _("কাজ করছে")
        SLOW = "slow", _("ধীর")
        REDIRECTED = "redirected", _("অন্য ঠিকানায় যায়")
        BROKEN = "broken", _("অকার্যকর")
        BLOCKED = "blocked", _("বট-সুরক্ষায় আটকে গেছে")

    WORKING = (Status.OK, Status.SLOW, Status.REDIRECTED)

    url = models.CharField(max_length=1000, unique=True)
    host = models.CharField(max_length=255, db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    elapsed_ms = models.PositiveIntegerField(null=True, blank=True)
    final_url = models.CharField(max_length=1000, blank=True)
    error = models.CharField(max_length=200, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.url}: {self.status or '—'}"

    @property
    def working(self) -> bool:
        return self.status in self.WORKING

    class Meta:
        verbose_name = _("লিংক")
        verbose_name_plural = _("লিংকসমূহ")
