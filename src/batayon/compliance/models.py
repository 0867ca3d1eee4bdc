"""The compliance engine's tables: the rulebook, each office's check states, their history.

The shape follows Healthchecks: a ``Rule`` is a kind of check that applies to every office of
some tiers; ``CheckStatus`` is the current state of one (office, rule) pair, derived from
timestamps; a ``Flip`` is written only when that state changes; ``OfficeScore`` and the daily
snapshots are views over the current state kept as rows so that roll-ups are one GROUP BY.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from batayon.offices.models import Office


class Status(models.TextChoices):
    OK = "ok", _("হালনাগাদ")
    DUE_SOON = "due_soon", _("শীঘ্রই হালনাগাদ করতে হবে")
    STALE = "stale", _("পুরনো")
    MISSING = "missing", _("নেই")
    UNTRANSLATED = "untranslated", _("অনূদিত নয়")
    BROKEN = "broken", _("অকার্যকর লিংক")
    # Not checked yet: not known to work, so not ok (links that the checker has not seen).
    UNCHECKED = "unchecked", _("যাচাই হয়নি")
    NOT_APPLICABLE = "not_applicable", _("প্রযোজ্য নয়")

    @classmethod
    def passing(cls) -> tuple[str, ...]:
        """Statuses that cost no points and need no fix (due soon is a warning, not a failure)."""
        return PASSING

    @classmethod
    def failing(cls) -> tuple[str, ...]:
        """The statuses an editor must fix: the one definition (scores, checklists, roll-ups)."""
        return FAILING


PASSING: tuple[str, ...] = (Status.OK, Status.DUE_SOON, Status.NOT_APPLICABLE)
FAILING: tuple[str, ...] = tuple(s for s in Status.values if s not in PASSING)


class Rule(models.Model):
    """One mandated item, as data (R-3.1): loaded from ``rulebook.yaml``, editable in the admin."""

    class Kind(models.TextChoices):
        COUNT = "count", _("উপস্থিতি/সংখ্যা")
        FIELDS = "fields", _("তথ্যের পূর্ণতা")
        FRESHNESS = "freshness", _("হালনাগাদের সময়সীমা")
        FISCAL_YEAR = "fiscal_year", _("প্রতি অর্থবছর")
        QUARTERLY = "quarterly", _("প্রতি প্রান্তিক")
        BILINGUAL = "bilingual", _("বাংলা ও ইংরেজি")
        LINKS = "links", _("লিংকের কার্যকারিতা")
        CONFIRMED = "confirmed", _("হালনাগাদ নিশ্চিতকরণ")
        MENU = "menu", _("আদর্শ মেনু")

    code = models.SlugField(max_length=60, unique=True)
    title_bn = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    source = models.CharField(max_length=200, help_text=_("যে নির্দেশনা থেকে নিয়মটি এসেছে, যেমন seed 001 ক"))
    kind = models.CharField(max_length=20, choices=Kind.choices)
    section = models.CharField(max_length=20)
    params = models.JSONField(default=dict, blank=True)
    tiers = models.JSONField(default=list, help_text=_("যে স্তরের দপ্তরে প্রযোজ্য"))
    weight = models.FloatField(default=5)
    supervisor_editable = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    sort_order = models.PositiveIntegerField(default=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "id"]

    def source_refs(self) -> list:
        """The circulars this rule's ``source`` cites, with their memo numbers and dates."""
        from .circulars import source_refs

        return source_refs(self.source)

    def __str__(self) -> str:
        return f"{self.code}: {self.title_bn}"

    @property
    def confirmable(self) -> bool:
        return self.kind == Rule.Kind.CONFIRMED or bool(self.params.get("confirmable"))


class CheckStatusQuerySet(models.QuerySet):
    def failing(self) -> CheckStatusQuerySet:
        return self.filter(status__in=FAILING)

    def due(self, now: dt.datetime) -> CheckStatusQuerySet:
        """Rows whose status changes by itself at or before ``now`` (a deadline passed)."""
        return self.filter(next_change_at__lte=now)


class CheckStatus(models.Model):
    """The current state of one rule for one office."""

    # No database-level foreign keys: this is derived data, rewritten in bulk (10^6 rows), and
    # PostgreSQL's deferred FK checks at commit cost more than the whole insert. Deleting an
    # office or rule through Django still cascades; a full evaluation removes any orphan.
    # The unique (office, rule) index serves lookups by office; no separate indexes either.
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="check_statuses", db_constraint=False, db_index=False
    )
    rule = models.ForeignKey(
        Rule, on_delete=models.CASCADE, related_name="statuses", db_constraint=False, db_index=False
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    # The reason as facts: a stable code and JSON params, worded by ``reasons.reason_text``.
    reason = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    points_lost = models.FloatField(default=0)
    # When the status last changed (the last flip), or was first evaluated.
    since = models.DateTimeField()
    # When the status will change by itself with no content change (a freshness or fiscal
    # deadline, local midnight); null when only content or link checks can change it.
    next_change_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = CheckStatusQuerySet.as_manager()

    class Meta:
        # The unique index (office, rule) serves every lookup; a second index on (rule, status)
        # would double the cost of writing 10^6 rows for a filter that RuleCount answers.
        constraints = [models.UniqueConstraint(fields=["office", "rule"], name="one_status_per_office_rule")]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.rule_id}: {self.status}"

    @property
    def failing(self) -> bool:
        return self.status in FAILING

    def reason_text(self, now: dt.datetime | dt.date | None = None) -> str:
        """The reason in the active language, ages counted to ``now`` (default today)."""
        from .reasons import reason_text

        return reason_text(self.reason, self.params, now)


class FlipQuerySet(models.QuerySet):
    def unprocessed(self) -> FlipQuerySet:
        """Flips no reminder job has consumed yet, oldest first."""
        return self.filter(processed__isnull=True).order_by("created", "id")


class Flip(models.Model):
    """A recorded change of state: the history, and what reminders are made from."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="flips")
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="flips")
    old_status = models.CharField(max_length=16)
    new_status = models.CharField(max_length=16)
    # The reason code and facts of the new status (see ``reasons.py``).
    reason = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(db_index=True)
    # Set by whoever turns flips into reminders (the oversight app).
    processed = models.DateTimeField(null=True, blank=True)

    objects = FlipQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["office", "created"])]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.rule_id}: {self.old_status} → {self.new_status}"

    def reason_text(self, now: dt.datetime | dt.date | None = None) -> str:
        """Why the status changed, in the active language (ages counted to ``now``)."""
        from .reasons import reason_text

        return reason_text(self.reason, self.params, now)


class Band(models.TextChoices):
    GOOD = "good", _("ভালো")
    FAIR = "fair", _("মোটামুটি")
    POOR = "poor", _("দুর্বল")


def band_for(score: float) -> str:
    if score >= 80:
        return Band.GOOD
    if score >= 50:
        return Band.FAIR
    return Band.POOR


class OfficeScore(models.Model):
    """An office's score (0–100) over the rules that apply to it."""

    office = models.OneToOneField(Office, on_delete=models.CASCADE, primary_key=True, related_name="score")
    score = models.FloatField()
    band = models.CharField(max_length=8, choices=Band.choices)
    failing = models.PositiveSmallIntegerField(default=0)
    evaluated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["score"])]


class ScoreSnapshot(models.Model):
    """One row per office per day: the office's trend."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="score_snapshots")
    day = models.DateField()
    score = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "day"], name="one_snapshot_per_office_day")]


class RollupSnapshot(models.Model):
    """Average score of a unit (the nation, a division, district, upazila, ministry, agency) per day.

    Written with the office snapshots by a handful of GROUP BY queries, so a trend line for
    the whole country reads 90 rows instead of 90 × 36,000.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", _("জাতীয়")
        DIVISION = "division", _("বিভাগ")
        DISTRICT = "district", _("জেলা")
        UPAZILA = "upazila", _("উপজেলা")
        MINISTRY = "ministry", _("মন্ত্রণালয়")
        AGENCY = "agency", _("সংস্থা")

    day = models.DateField()
    level = models.CharField(max_length=10, choices=Level.choices)
    key = models.BigIntegerField(default=0, help_text="Area id or office id; 0 for the nation.")
    offices = models.PositiveIntegerField()
    avg_score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "key", "day"], name="one_rollup_per_unit_day")
        ]


class Confirmation(models.Model):
    """An editor's statement that an unchanged section is still correct (counts as an update)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="confirmations")
    section = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField()

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["office", "section", "created"])]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.section} @ {self.created:%Y-%m-%d}"


class RuleCount(models.Model):
    """How many offices are in each status of each rule, nationally: kept current by every
    evaluation (recounted by a full run, adjusted by the flips of a partial one), so the
    national breakdown is 300 rows instead of a GROUP BY over 10^6."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices)
    offices = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rule", "status"], name="one_count_per_rule_status")]


class LinkCheck(models.Model):
    """The latest result of checking one URL of a service box (``batayon checklinks``)."""

    url = models.CharField(max_length=500, unique=True)
    ok = models.BooleanField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    checked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.url}: {'ok' if self.ok else self.status_code or self.error}"
