"""Directives (R-4.1), the holiday calendar behind working days (R-3.4), and the ledger of
reminders sent (R-3.5).

Healthchecks' shape again: a ``DirectiveTarget`` keeps timestamps (acknowledged, reported,
verified) and its next deadline; its state is derived from them and from the compliance
engine's statuses by ``refresh_targets`` and stored, so lists and reminders are one query.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from batayon.compliance.models import Rule
from batayon.offices.models import Office


class Holiday(models.Model):
    """A public holiday entered for one year (Eid, Puja…). The fixed-date national holidays
    are built in (``holidays.FIXED``) and need no rows."""

    date = models.DateField(unique=True)
    name_bn = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["date"]
        verbose_name = _("ছুটির দিন")
        verbose_name_plural = _("ছুটির দিন")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name_bn}"


class DirectiveQuerySet(models.QuerySet):
    def concerning(self, offices: QuerySet[Office]) -> DirectiveQuerySet:
        """Directives of a supervisor's area: issued by one of ``offices`` or addressed to one."""
        ids = offices.values("pk")
        addressed = DirectiveTarget.objects.filter(directive=OuterRef("pk"), office__in=ids)
        return self.filter(Q(issuer__in=ids) | Exists(addressed))


class Directive(models.Model):
    """A supervising office's instruction to offices under it: a checklist and a deadline."""

    issuer = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="directives_issued")
    # The subtree addressed ("--under"): the issuer itself, or an office under it; empty when
    # the targets were chosen one by one.
    under = models.ForeignKey(Office, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    tiers = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    memo_number = models.CharField(max_length=100, blank=True)
    issued_on = models.DateField()
    deadline = models.DateField()
    # "N working days from the date of issue" when the deadline was given that way.
    working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    distribution = models.TextField(blank=True, help_text=_("বিতরণ: প্রতি লাইনে একটি"))
    copies = models.TextField(blank=True, help_text=_("অনুলিপি: প্রতি লাইনে একটি"))
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_designation = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "নির্দেশনা")
        verbose_name_plural = _("নির্দেশনাসমূহ")
        ordering: ClassVar[list[str]] = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.memo_number or self.pk}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:directive", kwargs={"domain": self.issuer.domain, "pk": self.pk})

    @property
    def distribution_lines(self) -> list[str]:
        return [line.strip() for line in self.distribution.splitlines() if line.strip()]

    @property
    def copy_lines(self) -> list[str]:
        return [line.strip() for line in self.copies.splitlines() if line.strip()]


class DirectiveItem(models.Model):
    """One numbered item of the checklist. Measured by its rules (all must be ok); an item
    with no rule cannot be measured and needs the supervisor's confirmation."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=8, blank=True)  # ক, খ… as the letter numbers them
    text = models.CharField(max_length=500)
    rules = models.ManyToManyField(Rule, blank=True, related_name="+")

    class Meta:
        verbose_name = _("নির্দেশনার বিষয়")
        verbose_name_plural = _("নির্দেশনার বিষয়সমূহ")
        ordering: ClassVar[list[str]] = ["directive", "position"]
        constraints = (
            models.UniqueConstraint(fields=["directive", "position"], name="one_item_per_position"),
        )

    def __str__(self) -> str:
        return f"{self.label}) {self.text}"


class TargetState(models.TextChoices):
    PENDING = "pending", _("প্রাপ্তি স্বীকার হয়নি")
    ACKNOWLEDGED = "acknowledged", _("প্রাপ্তি স্বীকৃত")
    NEEDS_CONFIRMATION = "needs_confirmation", _("নিশ্চিতকরণ প্রয়োজন")
    CONTRADICTED = "contradicted", _("প্রতিবেদন ও বাস্তবতা মেলেনি")
    VERIFIED = "verified", _("যাচাইকৃত")


class DirectiveTarget(models.Model):
    """One office addressed by a directive: its timestamps, and its state as last derived."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="targets")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="directive_targets")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When every item was last found done (cleared as soon as one is not).
    verified_at = models.DateTimeField(null=True, blank=True)
    # Derived by refresh_targets(): the state, the item counts and the next deadline.
    state = models.CharField(max_length=20, choices=TargetState.choices, default=TargetState.PENDING)
    items_done = models.PositiveSmallIntegerField(default=0)
    items_total = models.PositiveSmallIntegerField(default=0)
    next_due = models.DateField(null=True, blank=True)
    # Whether the office had complied when the deadline passed (None until then).
    met_deadline = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("নির্দেশনার লক্ষ্য দপ্তর")
        verbose_name_plural = _("নির্দেশনার লক্ষ্য দপ্তরসমূহ")
        ordering: ClassVar[list[str]] = ["directive", "office__name_bn"]
        constraints = (
            models.UniqueConstraint(fields=["directive", "office"], name="one_target_per_directive_office"),
        )
        indexes = (models.Index(fields=["office", "state"]), models.Index(fields=["state", "next_due"]))

    def __str__(self) -> str:
        return f"{self.directive_id}/{self.office_id}: {self.state}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:target", kwargs={"domain": self.office.domain, "pk": self.directive_id})

    def is_late(self, today: dt.date | None = None) -> bool:
        """Not done by the deadline (or done only after it)."""
        deadline = self.directive.deadline
        if self.met_deadline is not None:
            return not self.met_deadline
        if self.verified_at is not None:
            return timezone.localdate(self.verified_at) > deadline
        return (today or timezone.localdate()) > deadline


class ItemConfirmation(models.Model):
    """A supervisor's confirmation that an item no rule can measure is done at one office."""

    target = models.ForeignKey(DirectiveTarget, on_delete=models.CASCADE, related_name="confirmations")
    item = models.ForeignKey(DirectiveItem, on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("বিষয়ের নিশ্চিতকরণ")
        verbose_name_plural = _("বিষয়ের নিশ্চিতকরণসমূহ")
        constraints = (models.UniqueConstraint(fields=["target", "item"], name="one_confirmation_per_item"),)


class Waiver(models.Model):
    """An item excused for one office until a date, with a reason. It lapses by itself:
    after ``expires_on`` it simply no longer counts."""

    target = models.ForeignKey(DirectiveTarget, on_delete=models.CASCADE, related_name="waivers")
    item = models.ForeignKey(DirectiveItem, on_delete=models.CASCADE, related_name="+")
    justification = models.TextField()
    expires_on = models.DateField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("অব্যাহতি")
        verbose_name_plural = _("অব্যাহতিসমূহ")
        indexes = (models.Index(fields=["target", "expires_on"]),)

    def __str__(self) -> str:
        return f"{self.target_id}/{self.item_id} → {self.expires_on:%Y-%m-%d}"

    def active_on(self, day: dt.date) -> bool:
        return day <= self.expires_on


class Frequency(models.TextChoices):
    DAILY = "daily", _("প্রতিদিন")
    WEEKLY = "weekly", _("সপ্তাহে একবার")


class ReminderPreference(models.Model):
    """How often a user wants the digest, and in which language. Escalations addressed to
    them are mandatory and come whatever the frequency."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_pref"
    )
    frequency = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.DAILY)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="bn")

    class Meta:
        verbose_name = _("তাগিদের পছন্দ")
        verbose_name_plural = _("তাগিদের পছন্দসমূহ")


class SentReminder(models.Model):
    """The ledger: what was sent to whom, for which item and period. A row exists for every
    line of every digest sent, so nothing is ever mailed twice."""

    class Kind(models.TextChoices):
        CHECK = "check", _("হালনাগাদের বিষয়")
        DIRECTIVE = "directive", _("নির্দেশনা")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    item_id = models.BigIntegerField(help_text="Rule id (kind check) or directive id (kind directive).")
    # 0: the office's editors; 1: its head; 2, 3…: supervisors up the chain.
    level = models.PositiveSmallIntegerField(default=0)
    # The period the line is about: the day the check started failing, or the directive's deadline.
    period = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("পাঠানো তাগিদ")
        verbose_name_plural = _("পাঠানো তাগিদসমূহ")
        constraints = (
            models.UniqueConstraint(
                fields=["recipient", "kind", "office", "item_id", "level", "period"], name="sent_once"
            ),
        )
        indexes = (models.Index(fields=["period"]),)


class Digest(models.Model):
    """One e-mail sent to one user on one day (at most one a day)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    lines = models.PositiveIntegerField()
    escalation = models.BooleanField(default=False)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("সারসংক্ষেপ ই-মেইল")
        verbose_name_plural = _("সারসংক্ষেপ ই-মেইলসমূহ")
        constraints = (models.UniqueConstraint(fields=["recipient", "day"], name="one_digest_a_day"),)
