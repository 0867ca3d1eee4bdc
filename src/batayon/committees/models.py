"""Committees, meetings and decisions, followed up until done (R-4.2).

A committee belongs to the office that keeps its minutes (whose notice board they go on) and
oversees the offices of an area (a district, an upazila). A meeting has its attendance
(appendix ক), agenda items with their discussion, and decisions with implementers and a
deadline. A decision stays open until a later meeting records it done or dropped; until then
it is carried to the top of every next meeting of the committee, derived from the dates (no
copying): the decisions open at a meeting are those taken earlier and not closed before it.

A decision about portals can be tied to rules of the compliance rulebook: its progress is then
measured, not reported — how many offices of the committee's area pass those rules today
(one aggregate query over ``CheckStatus``; for a page's many decisions, ``measured_progress``
measures them all in one grouped query). It can also be tied to a directive (``oversight``):
its progress is then the directive's measured state — how many of the offices it addresses
are verified, and how many are late (one grouped query over ``DirectiveTarget``).

Decisions are numbered within their meeting, 1, 2, 3… (the minutes print ০১, ০২, ০৩…): a
decision saved without a number takes the next one, and a number is used once per meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.db import connection, models
from django.db.models import Case, Count, Q, QuerySet, Sum, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from batayon.compliance.models import CheckStatus, Rule, Status
from batayon.content.models import Notice, Officer
from batayon.offices.models import Area, Office, Tier
from batayon.oversight.models import Directive
from batayon.oversight.reports import DirectiveCounts, current_counts

# Compliance's one definition of failing (``Status.failing()``) decides; "not applicable"
# statuses are left out of the count altogether.
NOT_APPLICABLE = Status.NOT_APPLICABLE


def is_passing(status: str) -> bool:
    """An applicable status that needs no fix (ok, due soon)."""
    return status != NOT_APPLICABLE and status not in Status.failing()


@dataclass(frozen=True)
class Measured:
    """How many offices of an area pass a decision's rules, out of those the rules apply to."""

    passing: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.passing / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.passing == self.total


def measure(area: Area, rule_ids: list[int]) -> Measured:
    """One aggregate query: offices of ``area`` with an applicable status for any of the rules,
    and those of them for which every such status passes."""
    row = (
        CheckStatus.objects.filter(office__geo_path__startswith=area.path, rule_id__in=rule_ids)
        .exclude(status=NOT_APPLICABLE)
        .aggregate(
            total=Count("office_id", distinct=True),
            failing=Count("office_id", distinct=True, filter=Q(status__in=Status.failing())),
        )
    )
    return Measured(row["total"] - row["failing"], row["total"])


# A rule's bit in the per-office masks of ``measure_many`` (a 64-bit integer on every backend).
MASK_BITS = 62

MeasureKey = tuple[str, frozenset[int]]


def measure_key(area: Area, rule_ids: Iterable[int]) -> MeasureKey:
    return area.path, frozenset(rule_ids)


def measure_many(pairs: Iterable[tuple[Area, Iterable[int]]]) -> dict[MeasureKey, Measured]:
    """``measure(area, rule_ids)`` for many pairs at once, the same numbers, in one query
    (one per ``MASK_BITS`` distinct rules): keyed by ``measure_key(area, rule_ids)``.

    Each office of the areas gets, over its status rows for the rules involved, a mask of the
    rules that apply to it and one of those it fails (one bit per rule: a rule's row is unique
    per office) and the deepest of the areas it lies in; the offices are then counted per
    (deepest area, masks) by an outer GROUP BY — a handful of rows. An office is in an area
    when its deepest area lies in it (the areas' paths are prefixes of the office's), so a
    pair's offices are those rows: counted if the mask of its rules meets theirs."""
    wanted: dict[MeasureKey, None] = {}
    for area, rule_ids in pairs:
        wanted[measure_key(area, rule_ids)] = None
    out: dict[MeasureKey, Measured] = {}
    batch: list[MeasureKey] = []
    rules: set[int] = set()
    for key in sorted(wanted, key=lambda k: sorted(k[1])):
        path, rule_ids = key
        if not rule_ids:
            out[key] = Measured(0, 0)
        elif len(rule_ids) > MASK_BITS:
            out[key] = measure(Area(path=path), list(rule_ids))
        else:
            if len(rules | rule_ids) > MASK_BITS:
                out.update(_measure_batch(batch))
                batch, rules = [], set()
            batch.append(key)
            rules |= rule_ids
    if batch:
        out.update(_measure_batch(batch))
    return out


def _measure_batch(keys: list[MeasureKey]) -> dict[MeasureKey, Measured]:
    """``measure_many`` for pairs whose rules together fit the masks: one query."""
    bits = {rule_id: 1 << i for i, rule_id in enumerate(sorted(set().union(*(k[1] for k in keys))))}
    # Deepest first, so that an office's CASE picks the deepest of the areas it lies in.
    paths = sorted({k[0] for k in keys}, key=lambda p: (-len(p), p))
    # The areas' union: those not inside another one of them.
    outer = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    in_areas = Q()
    for path in outer:
        in_areas |= Q(office__geo_path__startswith=path)
    offices = (
        CheckStatus.objects.filter(in_areas, rule_id__in=list(bits))
        .exclude(status=NOT_APPLICABLE)
        .order_by()
        .values("office_id")
        .annotate(
            deepest=Case(
                *(When(office__geo_path__startswith=p, then=Value(i)) for i, p in enumerate(paths)),
                default=Value(-1),
            ),
            applicable=Sum(Case(*(When(rule_id=r, then=Value(b)) for r, b in bits.items()), default=Value(0))),
            failing=Sum(Case(
                *(When(rule_id=r, status__in=Status.failing(), then=Value(b)) for r, b in bits.items()),
                default=Value(0),
            )),
        )
    )
    sql, params = offices.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT deepest, applicable, failing, COUNT(*) FROM ({sql}) AS offices"
            " GROUP BY deepest, applicable, failing",
            params,
        )
        groups = [(paths[d], int(a), int(f), n) for d, a, f, n in cursor.fetchall()]
    out = {}
    for path, rule_ids in keys:
        mask = sum(bits[r] for r in rule_ids)
        total = failing = 0
        for deepest, applicable, fails, n in groups:
            if deepest.startswith(path):
                total += n if applicable & mask else 0
                failing += n if fails & mask else 0
        out[(path, rule_ids)] = Measured(total - failing, total)
    return out


def rule_ids_of(decisions: Iterable[Decision]) -> dict[int, list[int]]:
    """Decision id → the ids of its rules, for the rule-tied ones (one query)."""
    through = Decision.rules.through.objects.filter(decision_id__in=[d.pk for d in decisions])
    out: dict[int, list[int]] = {}
    for decision_id, rule_id in through.order_by().values_list("decision_id", "rule_id"):
        out.setdefault(decision_id, []).append(rule_id)
    return out


def measured_progress(decisions: Iterable[Decision], area: Area | None = None) -> dict[int, Measured]:
    """Decision id → ``Decision.measured()``, for the rule-tied ones among ``decisions``: one
    query for their rules and one for all the measurements (``measure_many``) however many
    they are. ``area``: the committee's area when they are all one committee's; otherwise each
    decision's ``meeting.committee.area`` is read (select it with the decisions)."""
    decisions = list(decisions)
    if not decisions:
        return {}
    rules = rule_ids_of(decisions)
    pairs = {d.pk: (area or d.meeting.committee.area, rules[d.pk]) for d in decisions if d.pk in rules}
    measured = measure_many(pairs.values())
    return {pk: measured[measure_key(*pair)] for pk, pair in pairs.items()}


class Committee(models.Model):
    class Kind(models.TextChoices):
        DISTRICT_ICT = "district_ict", _("জেলা আইসিটি বিষয়ক কমিটি")
        DISTRICT_PORTAL = "district_portal", _("জেলা ওয়েব পোর্টাল হালনাগাদ কমিটি")
        UPAZILA_ICT = "upazila_ict", _("উপজেলা আইসিটি কমিটি")
        OTHER = "other", _("অন্যান্য কমিটি")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="committees",
        help_text="যে দপ্তর কার্যবিবরণী রাখে ও নোটিশ বোর্ডে প্রকাশ করে",
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="committees", help_text="যে এলাকার দপ্তরসমূহ কমিটির আওতায়"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField("নাম", max_length=300)
    name_en = models.CharField("নাম (ইংরেজি)", max_length=300, blank=True)
    # The letterhead of its minutes, one line each, below "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার".
    letterhead = models.TextField("লেটারহেড", blank=True)
    website = models.CharField("ওয়েবসাইট", max_length=200, blank=True)
    # Addresses the minutes are e-mailed to, besides the members' own (one a line).
    emails = models.TextField("ই-মেইল বিতরণ তালিকা", blank=True)

    class Meta:
        verbose_name = _("কমিটি")
        verbose_name_plural = _("কমিটিসমূহ")
        ordering: ClassVar[list[str]] = ["area__path", "kind", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committees:committee", args=[self.office.domain, self.pk])

    @property
    def is_upazila(self) -> bool:
        return self.area.level == Area.Level.UPAZILA

    def forward_to(self) -> Office | None:
        """An upazila committee sends its minutes to the district (seed 004, decisions 5, 6)."""
        if not self.is_upazila:
            return None
        return Office.objects.filter(tier=Tier.DISTRICT, area_id=self.area.parent_id).first()

    def letterhead_lines(self) -> list[str]:
        lines = [line.strip() for line in self.letterhead.splitlines() if line.strip()]
        return lines or [self.office.name_bn or self.office.name]


class Member(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("সভাপতি")
        MEMBER = "member", _("সদস্য")
        SECRETARY = "secretary", _("সদস্য সচিব")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    # An officer of the platform, or a post ("সহকারী প্রোগ্রামার (সকল)") that no one row names.
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    post = models.CharField("পদবি", max_length=300)
    name = models.CharField("নাম", max_length=200, blank=True)
    email = models.EmailField("ই-মেইল", blank=True)
    sort_order = models.PositiveIntegerField(default=100)

    class Meta:
        verbose_name = _("সদস্য")
        verbose_name_plural = _("সদস্যবৃন্দ")
        ordering: ClassVar[list[str]] = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.post}" if self.name else self.post


class MeetingQuerySet(models.QuerySet):
    def in_month(self, year: int, month: int) -> MeetingQuerySet:
        return self.filter(date__year=year, date__month=month)


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField("সভার ক্রম", null=True, blank=True)
    title = models.CharField("শিরোনাম", max_length=400, blank=True, help_text="খালি থাকলে কমিটি ও মাস থেকে")
    date = models.DateField("সভার তারিখ", db_index=True)
    time = models.TimeField("সভার সময়", null=True, blank=True)
    place = models.CharField("স্থান", max_length=300)
    chair_name = models.CharField("সভাপতি", max_length=200)
    chair_designation = models.CharField("সভাপতির পদবি", max_length=300, blank=True)
    opening = models.TextField("সূচনা", blank=True)
    closing = models.TextField("সমাপ্তি", blank=True)
    # The letter: memo number, the date it was issued, who signed, who sent it out, to whom.
    memo_number = models.CharField("স্মারক নম্বর", max_length=100, blank=True)
    issued_on = models.DateField("কার্যবিবরণীর তারিখ", null=True, blank=True)
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_designation = models.CharField(max_length=300, blank=True)
    signatory_email = models.EmailField(blank=True)
    issuer_name = models.CharField(max_length=200, blank=True)
    issuer_designation = models.CharField(max_length=300, blank=True)
    distribution = models.TextField("বিতরণ", blank=True, help_text="প্রতি লাইনে একটি প্রাপক")
    distribution_note = models.CharField(max_length=100, blank=True, default="জ্যেষ্ঠতার ক্রমানুসারে নয়")
    # Publishing: the notice on the office's notice board (the PDF attached) and the forwarding.
    published_at = models.DateTimeField(null=True, blank=True)
    notice = models.ForeignKey(Notice, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forwarded_to = models.ForeignKey(Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "সভা")
        verbose_name_plural = _("সভাসমূহ")
        ordering: ClassVar[list[str]] = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.committee} — {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("committees:meeting", args=[self.committee.office.domain, self.pk])

    def previous(self) -> Meeting | None:
        return (
            Meeting.objects.filter(committee_id=self.committee_id)
            .filter(Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk))
            .order_by("-date", "-pk")
            .first()
        )

    def carried_decisions(self) -> QuerySet[Decision]:
        """The decisions of earlier meetings still open when this one sat (and those it closed):
        what it reviews first, under "পূর্ববর্তী সভার সিদ্ধান্ত ও বাস্তবায়ন অগ্রগতি"."""
        earlier = Q(meeting__date__lt=self.date) | Q(meeting__date=self.date, meeting__pk__lt=self.pk)
        still_open = Q(state=Decision.State.OPEN) | Q(closed_on__gte=self.date)
        return (
            Decision.objects.filter(meeting__committee_id=self.committee_id)
            .filter(earlier, still_open)
            .select_related("meeting", "directive")
            .prefetch_related("implementers")
            .order_by("meeting__date", "meeting__pk", "number")
        )

    @staticmethod
    def _live_directive_ids(carried: list[Decision], notes: dict[int, FollowUp]) -> list[int]:
        """The directives of the carried decisions whose minutes did not freeze their state."""
        return [
            d.directive_id for d in carried
            if d.directive_id and not (d.pk in notes and notes[d.pk].directive_counts)
        ]

    def live_directive_ids(self) -> list[int]:
        """The directives whose state ``followups()`` shows live (none once the minutes are
        published: publication froze them); for a page that refreshes them with others at once."""
        notes = {f.decision_id: f for f in self.followup_notes.all()}
        return self._live_directive_ids(list(self.carried_decisions().filter(directive__isnull=False)), notes)

    def followups(self, live: Mapping[int, DirectiveCounts] | None = None) -> list[FollowUpRow]:
        """Each carried decision with what this meeting recorded about it and its progress.

        A rule-tied decision's progress is what the minutes froze at publication, or else
        measured now — all of them together (``measured_progress``). A directive-tied decision's progress is what the minutes froze at publication, or else
        the directive's state now: ``live`` when the caller already brought it up to date (one
        refresh for a whole page), otherwise refreshed here — once, for all of them."""
        notes = {f.decision_id: f for f in self.followup_notes.all()}
        carried = list(self.carried_decisions())
        if live is None:
            live = current_counts(self._live_directive_ids(carried, notes))
        frozen = {pk for pk, note in notes.items() if note.measured_total is not None}
        now = measured_progress([d for d in carried if d.pk not in frozen], self.committee.area)
        rows = []
        for decision in carried:
            note = notes.get(decision.pk)
            measured: Measured | None
            if note is not None and note.measured_total is not None:
                measured = Measured(note.measured_passing or 0, note.measured_total)
            else:
                measured = now.get(decision.pk)
            directive: DirectiveCounts | None = None
            if decision.directive_id:
                if note is not None and note.directive_counts:
                    directive = DirectiveCounts(**note.directive_counts)
                else:
                    directive = live.get(decision.directive_id, DirectiveCounts(0))
            rows.append(FollowUpRow(self, decision, note, measured, directive))
        return rows

    def heading(self) -> str:
        if self.title:
            return self.title
        from batayon.bangla.dates import GREGORIAN_MONTHS_BN
        from batayon.bangla.digits import to_bangla_digits

        month = f"{GREGORIAN_MONTHS_BN[self.date.month - 1]} {to_bangla_digits(self.date.year)}"
        return f"{self.committee.name}র {month} মাসে অনুষ্ঠিত সভার কার্যবিবরণী"

    def distribution_lines(self) -> list[str]:
        return [line.strip() for line in self.distribution.splitlines() if line.strip()]

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


@dataclass
class FollowUpRow:
    meeting: Meeting
    decision: Decision
    note: FollowUp | None
    measured: Measured | None
    directive: DirectiveCounts | None = None

    @property
    def state(self) -> str:
        """As this meeting saw it: a decision closed by a later meeting is still open here."""
        return self.decision.state_at(self.meeting)


class Attendance(models.Model):
    class Kind(models.TextChoices):
        PRESENT = "present", _("উপস্থিত")
        ABSENT = "absent", _("অনুপস্থিত")
        INVITED = "invited", _("আমন্ত্রিত")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PRESENT)
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200, blank=True)
    designation = models.CharField(max_length=300)
    sort_order = models.PositiveIntegerField(default=100)

    class Meta:
        verbose_name = _("উপস্থিতি")
        verbose_name_plural = _("উপস্থিতির তালিকা")
        ordering: ClassVar[list[str]] = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.designation}" if self.name else self.designation


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    number = models.PositiveIntegerField()
    title = models.CharField("আলোচ্য বিষয়", max_length=300, blank=True)
    discussion = models.TextField("আলোচনা", blank=True)

    class Meta:
        verbose_name = _("আলোচ্য বিষয়")
        verbose_name_plural = _("আলোচ্য বিষয়সমূহ")
        ordering: ClassVar[list[str]] = ["number", "pk"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Decision(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("চলমান")
        DONE = "done", _("বাস্তবায়িত")
        DROPPED = "dropped", _("বাদ দেওয়া হয়েছে")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    # Blank: the next number of the meeting (see ``save``).
    number = models.PositiveIntegerField(_("ক্রমিক"), blank=True, help_text=_("খালি রাখলে সভার পরবর্তী ক্রমিক"))
    text = models.TextField("সিদ্ধান্ত")
    deadline = models.DateField("সময়সীমা", null=True, blank=True)
    rules = models.ManyToManyField(Rule, blank=True, related_name="+", help_text="যে নিয়মের অবস্থা দিয়ে অগ্রগতি মাপা হয়")
    directive = models.ForeignKey(
        Directive, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions",
        verbose_name=_("নির্দেশনা"),
        help_text=_("যে নির্দেশনার বাস্তবায়নের অবস্থা দিয়ে অগ্রগতি মাপা হয়"),
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_in = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="closed_decisions"
    )

    class Meta:
        verbose_name = _("সিদ্ধান্ত")
        verbose_name_plural = _("সিদ্ধান্তসমূহ")
        ordering: ClassVar[list[str]] = ["meeting", "number", "pk"]
        constraints = (
            models.UniqueConstraint(
                fields=["meeting", "number"], name="one_number_per_meeting",
                violation_error_message=_("এই সভায় এই ক্রমিকের একটি সিদ্ধান্ত আগেই আছে।"),
            ),
        )

    def __str__(self) -> str:
        return f"{self.meeting.date:%d.%m.%Y} #{self.number}: {self.text[:60]}"

    def save(self, *args, **kwargs) -> None:
        if not self.number:
            self.number = Decision.next_number(self.meeting_id)
        super().save(*args, **kwargs)

    @staticmethod
    def next_number(meeting_id: int) -> int:
        last = Decision.objects.filter(meeting_id=meeting_id).aggregate(n=models.Max("number"))["n"]
        return (last or 0) + 1

    @property
    def serial(self) -> str:
        """The number as the minutes print it, two digits ("05"; ``|num`` makes it ০৫)."""
        return f"{self.number:02d}" if self.number is not None else ""

    @property
    def committee(self) -> Committee:
        return self.meeting.committee

    def implementer_labels(self) -> list[str]:
        return [i.label for i in self.implementers.all()]

    def measured(self) -> Measured | None:
        """For a rule-tied decision: offices of the committee's area passing its rules, today.
        For many decisions use ``measured_progress`` (one query for all)."""
        rule_ids = [r.pk for r in self.rules.all()]
        if not rule_ids:
            return None
        return measure(self.meeting.committee.area, rule_ids)

    def state_at(self, meeting: Meeting | None) -> str:
        """The state as a meeting saw it: closed only from the meeting that closed it on."""
        if self.state == Decision.State.OPEN or meeting is None:
            return self.state
        return self.state if self.closed_on and self.closed_on <= meeting.date else Decision.State.OPEN

    @property
    def overdue(self) -> bool:
        return self.state == Decision.State.OPEN and self.deadline is not None and self.deadline < dt.date.today()


def directive_progress(
    decisions: Iterable[Decision], live: Mapping[int, DirectiveCounts] | None = None
) -> dict[int, DirectiveCounts]:
    """Decision id → its directive's state now, for the directive-tied ones among
    ``decisions``: one refresh and one grouped count for all their directives (or the
    ``live`` counts the caller already has)."""
    tied = {d.pk: d.directive_id for d in decisions if d.directive_id}
    if live is None:
        live = current_counts(tied.values())
    return {pk: live.get(directive_id, DirectiveCounts(0)) for pk, directive_id in tied.items() if directive_id}


class Implementer(models.Model):
    """Who carries a decision out: an office, an officer, or a post as the minutes name it."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="implementers")
    label = models.CharField(max_length=300)
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sort_order = models.PositiveIntegerField(default=100)

    class Meta:
        verbose_name = pgettext_lazy("model", "বাস্তবায়নকারী")
        verbose_name_plural = _("বাস্তবায়নকারীগণ")
        ordering: ClassVar[list[str]] = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.label


class FollowUp(models.Model):
    """What a meeting recorded about a decision it carried: the progress reported, and for a
    rule-tied decision the measurement, frozen when the minutes were published."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="followup_notes")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="followups")
    progress = models.TextField("অগ্রগতি", blank=True)
    measured_passing = models.PositiveIntegerField(null=True, blank=True)
    measured_total = models.PositiveIntegerField(null=True, blank=True)
    # For a directive-tied decision: ``DirectiveCounts.as_dict()`` on the day of publication.
    directive_counts = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("বাস্তবায়ন অগ্রগতি")
        verbose_name_plural = _("বাস্তবায়ন অগ্রগতির হিসাব")
        constraints = (models.UniqueConstraint(fields=["meeting", "decision"], name="one_followup_per_meeting"),)


class ReportJob(models.Model):
    """A report built in the background (the national compliance report), with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("অপেক্ষমাণ")
        RUNNING = "running", _("চলছে")
        DONE = "done", _("সম্পন্ন")
        FAILED = "failed", _("ব্যর্থ")

    kind = models.CharField(max_length=20)
    fmt = models.CharField(max_length=4)
    under = models.ForeignKey(Office, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="reports/%Y/", blank=True)
    error = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    class Meta:
        verbose_name = _("প্রতিবেদন তৈরির কাজ")
        verbose_name_plural = _("প্রতিবেদন তৈরির কাজসমূহ")
