"""The mandated content of every portal (R-2), one model per kind of item.

Every record belongs to one office, has Bangla and English fields (django-modeltranslation
adds ``<field>_bn`` and ``<field>_en`` columns beside each translated field), a publish
state, and ``updated_at``, whose movement is the "ping" that the compliance engine reads.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from batayon.bangla.dates import format_date_bn, format_date_en
from batayon.bangla.fiscal import FiscalYear
from batayon.bangla.phone import InvalidPhone, normalise_phone
from batayon.offices.models import Office, Tier

from .sanitize import sanitize_html

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, StrPromise

# The sections of every portal, as the portal, the rulebook and the workspace name them.
SECTION_KEYS: tuple[str, ...] = (
    "officers", "staff", "notices", "charter", "services", "rti", "grs", "apa", "nis", "innovation",
    "focal-points", "projects", "reports", "documents",
)


class PublishState(models.TextChoices):
    DRAFT = "draft", _("খসড়া")
    PENDING = "pending", _("অনুমোদনের অপেক্ষায়")
    PUBLISHED = "published", _("প্রকাশিত")


class ContentQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(state=PublishState.PUBLISHED)

    def of(self, office: Office | int) -> Self:
        return self.filter(office=office)


ContentManager = models.Manager.from_queryset(ContentQuerySet)


class OfficeContent(models.Model):
    """What every item of mandated content has in common."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="%(class)s_set")
    state = models.CharField(max_length=10, choices=PublishState.choices, default=PublishState.PUBLISHED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Bumped on every save: a form carries the version it was opened with, and a save from a
    # stale form is refused instead of silently overwriting someone else's change.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[ContentManager] = ContentManager()

    # The portal section this kind of content is shown in (see portal.sections).
    section: str = ""
    # Rich-text fields, sanitised on every save whatever path the data came by.
    html_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, touch: bool = True, **kwargs) -> None:
        for name in self.html_fields:
            for lang in ("bn", "en"):
                attr = f"{name}_{lang}"
                setattr(self, attr, sanitize_html(getattr(self, attr) or ""))
        if touch:
            self.updated_at = timezone.now()
            if self.pk:
                self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)
        if touch and self.state == PublishState.PUBLISHED:
            Office.objects.filter(pk=self.office_id).update(content_updated_at=self.updated_at)


# Plausible dates (issue 13: a 1990 notice, an officer joining in 2030 or in 1900 were taken
# silently). A date outside these bounds is a typo of the year, not a fact:
# - notices: the portals began in 2000s (the national portal in 2014), so nothing older is
#   published now; a notice may be scheduled, but a year ahead is as far as any office plans;
# - joining an office: Bangladesh's civil service dates from 1972; a posting order names a
#   joining date weeks ahead, so at most 90 days in the future.
NOTICE_EARLIEST = dt.date(2000, 1, 1)
NOTICE_MAX_AHEAD = dt.timedelta(days=365)
JOINING_EARLIEST = dt.date(1972, 1, 1)
JOINING_MAX_AHEAD = dt.timedelta(days=90)


def _shown(day: dt.date) -> str:
    from django.utils.translation import get_language

    return format_date_en(day) if (get_language() or "bn").startswith("en") else format_date_bn(day)


def date_bounds_error(
    value: dt.date | None, earliest: dt.date, ahead: dt.timedelta, label: StrOrPromise
) -> str | None:
    """The Bangla (or English) reason ``value`` is implausible, or None."""
    if value is None:
        return None
    latest = timezone.localdate() + ahead
    if value < earliest:
        return _("%(label)s %(earliest)s-এর আগে হতে পারে না; সালটি ঠিক লেখা হয়েছে কি না দেখুন।") % {
            "label": label, "earliest": _shown(earliest)}
    if value > latest:
        return _("%(label)s %(latest)s-এর পরে হতে পারে না; সালটি ঠিক লেখা হয়েছে কি না দেখুন।") % {
            "label": label, "latest": _shown(latest)}
    return None


def clean_phone_field(value: str, field: str) -> str:
    """Store phones in one canonical form; a bad one is a form error, in Bangla."""
    if not value:
        return ""
    try:
        return normalise_phone(value)
    except InvalidPhone as exc:
        raise ValidationError({field: str(exc)}) from exc


class OfficerQuerySet(ContentQuerySet):
    def current(self, today: dt.date | None = None, published: bool = True) -> OfficerQuerySet:
        """Published officers who have not left (``Officer.current_q``); ``published=False``:
        drafts too (the workspace's choices, where an officer awaiting approval can be named)."""
        return self.filter(Officer.current_q(today, published=published))

    def head(self) -> Officer | None:
        """The head of office: the first current officer (not staff) in the list's order."""
        return self.current().filter(kind=Officer.Kind.OFFICER).order_by("sort_order", "id").first()


OfficerManager = models.Manager.from_queryset(OfficerQuerySet)


class Officer(OfficeContent):
    """An officer or a member of staff (কর্মকর্তা / কর্মচারী), R-2.1."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        designation_bn: str | None
        designation_en: str | None
        name_bn: str | None
        name_en: str | None
        section_name_bn: str | None
        section_name_en: str | None

    class Kind(models.TextChoices):
        OFFICER = "officer", _("কর্মকর্তা")
        STAFF = "staff", _("কর্মচারী")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICER, db_index=True)
    name = models.CharField(_("নাম"), max_length=200)  # translated
    designation = models.CharField(_("পদবি"), max_length=200)  # translated
    section_name = models.CharField(_("শাখা"), max_length=200, blank=True)  # translated
    mobile = models.CharField(_("দাপ্তরিক মোবাইল"), max_length=20, blank=True)
    phone = models.CharField(_("ফোন (অফিস)"), max_length=20, blank=True)
    email = models.EmailField(_("ই-মেইল"), blank=True)
    photo = models.ImageField(_("ছবি"), upload_to="officers/%Y/", blank=True)
    sort_order = models.PositiveIntegerField(_("ক্রম"), default=100)
    joined_on = models.DateField(_("যোগদানের তারিখ"), null=True, blank=True)
    left_on = models.DateField(_("বদলি/অবসরের তারিখ"), null=True, blank=True)
    successor = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects: ClassVar[OfficerManager] = OfficerManager()
    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        _default_manager: ClassVar[OfficerManager]

    section = "officers"

    class Meta:
        verbose_name = _("কর্মকর্তা")
        verbose_name_plural = _("কর্মকর্তাগণ")
        ordering: ClassVar[list[str]] = ["sort_order", "id"]
        indexes = (models.Index(fields=["office", "kind", "state"]),)

    def __str__(self) -> str:
        return f"{self.name_bn or self.name} ({self.designation_bn or self.designation})"

    def clean(self) -> None:
        self.mobile = clean_phone_field(self.mobile, "mobile")
        self.phone = clean_phone_field(self.phone, "phone")
        if problem := date_bounds_error(self.joined_on, JOINING_EARLIEST, JOINING_MAX_AHEAD, _("যোগদানের তারিখ")):
            raise ValidationError({"joined_on": problem})
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("বদলির তারিখ যোগদানের তারিখের আগে হতে পারে না।")})

    @staticmethod
    def current_q(today: dt.date | None = None, published: bool = True) -> Q:
        """THE definition of a current officer: published, and not left (leaving today = gone).

        Used by ``Officer.objects.current()`` and by the compliance engine's officer family.
        """
        today = today or timezone.localdate()
        q = Q(left_on__isnull=True) | Q(left_on__gt=today)
        return Q(state=PublishState.PUBLISHED) & q if published else q

    @property
    def is_current(self) -> bool:
        return self.left_on is None or self.left_on > timezone.localdate()


class NoticeQuerySet(ContentQuerySet):
    def live(self, today: dt.date | None = None, archived: bool = False) -> NoticeQuerySet:
        """Notices on the board today (``Notice.live_q``); ``archived``: and those archived."""
        return self.filter(Notice.live_q(today, archived=archived))


NoticeManager = models.Manager.from_queryset(NoticeQuerySet)


class Notice(OfficeContent):
    """A notice or letter on the notice board (নোটিশ বোর্ড), R-2.2."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        body_bn: str | None
        body_en: str | None
        title_bn: str | None
        title_en: str | None

    title = models.CharField(_("শিরোনাম"), max_length=300)  # translated
    body = models.TextField(_("বিস্তারিত"), blank=True)  # translated, sanitised HTML
    attachment = models.FileField(_("সংযুক্তি"), upload_to="notices/%Y/", blank=True)
    memo_number = models.CharField(_("স্মারক নম্বর"), max_length=100, blank=True)
    publish_date = models.DateField(_("প্রকাশের তারিখ"), default=timezone.localdate, db_index=True)
    archive_date = models.DateField(_("আর্কাইভের তারিখ"), null=True, blank=True)
    # E-mail to the office's distribution list: a notice dated in the future is mailed when it
    # goes live (``batayon send_scheduled_notices``), not when it is published; mailed once.
    mail_when_live = models.BooleanField(default=False, editable=False)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects: ClassVar[NoticeManager] = NoticeManager()
    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        _default_manager: ClassVar[NoticeManager]

    section = "notices"
    html_fields = ("body",)

    class Meta:
        verbose_name = _("নোটিশ")
        verbose_name_plural = _("নোটিশসমূহ")
        ordering: ClassVar[list[str]] = ["-publish_date", "-id"]
        indexes = (models.Index(fields=["office", "state", "publish_date"]),)

    def __str__(self) -> str:
        return self.title_bn or self.title

    @staticmethod
    def live_q(today: dt.date | None = None, archived: bool = False) -> Q:
        """THE definition of a live notice: published, its publish date has come, not archived.

        Decided once for the portal, the API, the feeds and the compliance engine alike: an
        archived notice is no longer on the notice board, so it is not live (and does not
        count as the office's latest notice). It stays live through its archive date.
        ``archived=True`` adds the archived ones (the board's archive, as the API can list).
        """
        today = today or timezone.localdate()
        q = Q(state=PublishState.PUBLISHED, publish_date__lte=today)
        return q if archived else q & (Q(archive_date__isnull=True) | Q(archive_date__gte=today))

    def get_absolute_url(self) -> str:
        """The notice's page on its office's portal (Bangla)."""
        from batayon.portal.links import portal_url

        return portal_url(self.office, "notice", "bn", self.pk)

    @property
    def is_scheduled(self) -> bool:
        """Published, but dated in the future: not on the portal (nor mailed) before its day."""
        return self.state == PublishState.PUBLISHED and self.publish_date > timezone.localdate()

    def clean(self) -> None:
        if problem := date_bounds_error(self.publish_date, NOTICE_EARLIEST, NOTICE_MAX_AHEAD, _("প্রকাশের তারিখ")):
            raise ValidationError({"publish_date": problem})
        if self.archive_date and self.archive_date < self.publish_date:
            raise ValidationError({"archive_date": _("আর্কাইভের তারিখ প্রকাশের তারিখের আগে হতে পারে না।")})


class CitizenCharter(OfficeContent):
    """The head of the citizen charter (সেবা প্রদান প্রতিশ্রুতি), R-2.3.

    Its service rows are the office's ``Service`` records; the grievance-redress table and
    the expectations are ``CharterGrievanceStep`` and ``CharterExpectation`` rows.
    """

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        mission_bn: str | None
        mission_en: str | None
        vision_bn: str | None
        vision_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[ContentManager[CitizenCharter]]
        _default_manager: ClassVar[ContentManager[CitizenCharter]]

    vision = models.TextField(_("রূপকল্প"), blank=True)  # translated
    mission = models.TextField(_("অভিলক্ষ্য"), blank=True)  # translated
    approved_on = models.DateField(_("অনুমোদনের তারিখ"), null=True, blank=True)

    section = "charter"

    class Meta:
        verbose_name = _("সিটিজেন চার্টার")
        verbose_name_plural = _("সিটিজেন চার্টারসমূহ")
        constraints = (models.UniqueConstraint(fields=["office"], name="one_charter_per_office"),)

    def __str__(self) -> str:
        return f"Citizen charter: {self.office}"


class CharterGrievanceStep(OfficeContent):
    """A row of the charter's GRS table: when to go to whom, and how long it may take."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        contact_bn: str | None
        contact_en: str | None
        time_limit_bn: str | None
        time_limit_en: str | None
        when_bn: str | None
        when_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[ContentManager[CharterGrievanceStep]]
        _default_manager: ClassVar[ContentManager[CharterGrievanceStep]]

    step = models.PositiveSmallIntegerField(_("ক্রমিক"), default=1)
    when = models.CharField(_("কখন যোগাযোগ করবেন"), max_length=300)  # translated
    contact_officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("কার সাথে যোগাযোগ করবেন"),
    )
    contact = models.CharField(_("যোগাযোগের ঠিকানা"), max_length=300, blank=True)  # translated
    time_limit = models.CharField(_("নিষ্পত্তির সময়সীমা"), max_length=100)  # translated

    section = "charter"

    class Meta:
        verbose_name = _("অভিযোগ প্রতিকারের ধাপ")
        verbose_name_plural = _("অভিযোগ প্রতিকারের ধাপসমূহ")
        ordering: ClassVar[list[str]] = ["step"]


class CharterExpectation(OfficeContent):
    """A row of "আপনার কাছে আমাদের প্রত্যাশা" (what we expect from you)."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        text_bn: str | None
        text_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[ContentManager[CharterExpectation]]
        _default_manager: ClassVar[ContentManager[CharterExpectation]]

    step = models.PositiveSmallIntegerField(_("ক্রমিক"), default=1)
    text = models.CharField(_("করণীয়"), max_length=500)  # translated

    section = "charter"

    class Meta:
        verbose_name = _("সেবাগ্রহীতার কাছে প্রত্যাশা")
        verbose_name_plural = _("সেবাগ্রহীতার কাছে প্রত্যাশাসমূহ")
        ordering: ClassVar[list[str]] = ["step"]


class Service(OfficeContent):
    """A service the office delivers (R-2.3, R-2.4, R-5.1).

    One record feeds the citizen-charter row, the services list, the service-box link and
    the e-service roadmap, so the four can never disagree.
    """

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        delivery_method_bn: str | None
        delivery_method_en: str | None
        fee_bn: str | None
        fee_en: str | None
        name_bn: str | None
        name_en: str | None
        required_documents_bn: str | None
        required_documents_en: str | None
        time_limit_bn: str | None
        time_limit_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[ContentManager[Service]]
        _default_manager: ClassVar[ContentManager[Service]]

    class Audience(models.TextChoices):
        CITIZEN = "citizen", _("নাগরিক সেবা")
        INSTITUTIONAL = "institutional", _("প্রাতিষ্ঠানিক সেবা")
        INTERNAL = "internal", _("অভ্যন্তরীণ সেবা")

    class DeliveryMode(models.TextChoices):
        MANUAL = "manual", _("সরাসরি (ম্যানুয়াল)")
        PARTLY_ONLINE = "partly_online", _("আংশিক অনলাইন")
        ESERVICE = "eservice", _("ই-সেবা")

    class EServiceStatus(models.TextChoices):
        NOT_PLANNED = "not_planned", _("পরিকল্পনা নেই")
        PLANNED = "planned", _("পরিকল্পিত")
        IN_PROGRESS = "in_progress", _("বাস্তবায়নাধীন")
        LIVE = "live", _("চালু")

    audience = models.CharField(_("সেবার ধরন"), max_length=15, choices=Audience.choices, default=Audience.CITIZEN)
    sort_order = models.PositiveIntegerField(_("ক্রম"), default=100)
    name = models.CharField(_("সেবার নাম"), max_length=300)  # translated
    delivery_method = models.TextField(_("সেবা প্রদান পদ্ধতি"), blank=True)  # translated
    required_documents = models.TextField(
        _("প্রয়োজনীয় কাগজপত্র এবং প্রাপ্তিস্থান"), blank=True
    )  # translated
    fee = models.TextField(_("সেবার মূল্য এবং পরিশোধ পদ্ধতি"), blank=True)  # translated
    time_limit = models.CharField(_("সেবা প্রদানের সময়সীমা"), max_length=200, blank=True)  # translated
    responsible_officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.SET_NULL, related_name="services",
        verbose_name=_("দায়িত্বপ্রাপ্ত কর্মকর্তা"),
    )
    link = models.URLField(_("সেবার লিংক"), blank=True)
    in_service_box = models.BooleanField(_("সেবা বক্সে দেখান"), default=False)

    delivery_mode = models.CharField(
        _("সেবা প্রদানের মাধ্যম"), max_length=15, choices=DeliveryMode.choices, default=DeliveryMode.MANUAL
    )
    eservice_status = models.CharField(
        _("ই-সেবা রূপান্তরের অবস্থা"), max_length=15, choices=EServiceStatus.choices,
        default=EServiceStatus.NOT_PLANNED,
    )
    eservice_priority = models.PositiveSmallIntegerField(_("অগ্রাধিকার"), null=True, blank=True)
    eservice_target_date = models.DateField(_("লক্ষ্য তারিখ"), null=True, blank=True)

    section = "services"

    class Meta:
        verbose_name = _("সেবা")
        verbose_name_plural = _("সেবাসমূহ")
        ordering: ClassVar[list[str]] = ["audience", "sort_order", "id"]
        indexes = (models.Index(fields=["office", "state", "audience"]),)

    def __str__(self) -> str:
        return self.name_bn or self.name

    def clean(self) -> None:
        if self.in_service_box and not self.link:
            raise ValidationError({"link": _("সেবা বক্সে দেখাতে হলে সেবার লিংক দিতে হবে।")})
        if self.eservice_status == self.EServiceStatus.NOT_PLANNED and self.eservice_priority:
            raise ValidationError({"eservice_status": _("অগ্রাধিকার দিলে ই-সেবার পরিকল্পনার অবস্থাও দিন।")})

    @property
    def eservice_planned(self) -> bool:
        return self.eservice_status != self.EServiceStatus.NOT_PLANNED


class DesignatedOfficer(OfficeContent):
    """Who answers for RTI (R-2.5) and grievance redress (R-2.6).

    Points at an officer record, usually of the same office; the appeal authority is often an
    officer of the supervising office, which the same foreign key can name.
    """

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        external_designation_bn: str | None
        external_designation_en: str | None
        external_name_bn: str | None
        external_name_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[ContentManager[DesignatedOfficer]]
        _default_manager: ClassVar[ContentManager[DesignatedOfficer]]

    class Scheme(models.TextChoices):
        RTI = "rti", _("তথ্য অধিকার")
        GRS = "grs", _("অভিযোগ প্রতিকার ব্যবস্থা")

    class Role(models.TextChoices):
        PRIMARY = "primary", _("দায়িত্বপ্রাপ্ত কর্মকর্তা")
        ALTERNATIVE = "alternative", _("বিকল্প কর্মকর্তা")
        APPEAL = "appeal", _("আপিল কর্তৃপক্ষ")

    scheme = models.CharField(max_length=5, choices=Scheme.choices)
    role = models.CharField(max_length=12, choices=Role.choices)
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # For an authority with no officer record on the platform.
    external_name = models.CharField(_("নাম"), max_length=200, blank=True)  # translated
    external_designation = models.CharField(_("পদবি ও দপ্তর"), max_length=300, blank=True)  # translated
    external_phone = models.CharField(_("ফোন"), max_length=20, blank=True)
    external_email = models.EmailField(_("ই-মেইল"), blank=True)

    class Meta:
        verbose_name = _("দায়িত্বপ্রাপ্ত কর্মকর্তা")
        verbose_name_plural = _("দায়িত্বপ্রাপ্ত কর্মকর্তাগণ")
        constraints = (
            models.UniqueConstraint(fields=["office", "scheme", "role"], name="one_designation_per_role"),
        )

    @property
    def section(self) -> str:  # type: ignore[override]  # a property over the base class attribute
        return self.scheme

    # What each role is called in each scheme (the law's own words), through gettext.
    ROLE_LABELS: ClassVar[dict[tuple[str, ...], StrPromise]] = {
        ("rti", "primary"): _("তথ্য প্রদানকারী কর্মকর্তা"),
        ("rti", "alternative"): _("বিকল্প তথ্য প্রদানকারী কর্মকর্তা"),
        ("rti", "appeal"): _("আপিল কর্তৃপক্ষ"),
        ("grs", "primary"): _("অনিক (অভিযোগ নিষ্পত্তি কর্মকর্তা)"),
        ("grs", "alternative"): _("বিকল্প অনিক"),
        ("grs", "appeal"): _("আপিল কর্মকর্তা"),
    }

    @property
    def role_label(self) -> str:
        """This designation's role in the active language."""
        return str(self.ROLE_LABELS[(self.scheme, self.role)])

    def clean(self) -> None:
        if not self.officer_id and not self.external_name:
            raise ValidationError(_("একজন কর্মকর্তা বেছে নিন অথবা নাম লিখুন।"))
        self.external_phone = clean_phone_field(self.external_phone, "external_phone")

    @property
    def display_name(self) -> str:
        return self.officer.name if self.officer else self.external_name

    @property
    def display_designation(self) -> str:
        return self.officer.designation if self.officer else self.external_designation

    @property
    def display_phone(self) -> str:
        return (self.officer.mobile or self.officer.phone) if self.officer else self.external_phone

    @property
    def display_email(self) -> str:
        return self.officer.email if self.officer else self.external_email


class Document(OfficeContent):
    """APA, NIS, innovation, reports, training, laws… by fiscal year and quarter (R-2.7–R-2.11)."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        description_bn: str | None
        description_en: str | None
        title_bn: str | None
        title_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[ContentManager[Document]]
        _default_manager: ClassVar[ContentManager[Document]]

    class Category(models.TextChoices):
        APA = "apa", _("বার্ষিক কর্মসম্পাদন চুক্তি")
        APA_REPORT = "apa_report", _("এপিএ অগ্রগতি প্রতিবেদন")
        NIS_PLAN = "nis_plan", _("শুদ্ধাচার কর্মপরিকল্পনা")
        NIS_REPORT = "nis_report", _("শুদ্ধাচার অগ্রগতি প্রতিবেদন")
        INNOVATION = "innovation", _("উদ্ভাবন ও সেবা সহজিকরণ")
        PROGRESS = "progress", _("অগ্রগতি প্রতিবেদন")
        TRAINING = "training", _("প্রশিক্ষণ")
        DEVELOPMENT = "development", _("উন্নয়নমূলক কার্যক্রম")
        LAW = "law", _("আইন ও বিধি")
        CIRCULAR = "circular", _("পরিপত্র/প্রজ্ঞাপন")
        OTHER = "other", _("অন্যান্য")

    category = models.CharField(_("ধরন"), max_length=15, choices=Category.choices, db_index=True)
    title = models.CharField(_("শিরোনাম"), max_length=300)  # translated
    description = models.TextField(_("বিবরণ"), blank=True)  # translated
    file = models.FileField(_("ফাইল"), upload_to="documents/%Y/", blank=True)
    link = models.URLField(_("লিংক"), blank=True)
    fiscal_year = models.CharField(_("অর্থবছর"), max_length=7, blank=True, db_index=True)  # "2024-25"
    quarter = models.PositiveSmallIntegerField(
        _("প্রান্তিক"), null=True, blank=True, choices=[(1, "১"), (2, "২"), (3, "৩"), (4, "৪")]
    )
    issued_on = models.DateField(_("তারিখ"), default=timezone.localdate)

    class Meta:
        verbose_name = _("দলিল")
        verbose_name_plural = _("দলিলসমূহ")
        ordering: ClassVar[list[str]] = ["-issued_on", "-id"]
        indexes = (models.Index(fields=["office", "category", "fiscal_year", "quarter"]),)

    @property
    def section(self) -> str:  # type: ignore[override]  # a property over the base class attribute
        return CATEGORY_SECTION.get(self.category, "documents")

    def __str__(self) -> str:
        return self.title_bn or self.title

    def clean(self) -> None:
        if self.fiscal_year:
            try:
                self.fiscal_year = str(FiscalYear.parse(self.fiscal_year))
            except ValueError as exc:
                raise ValidationError({"fiscal_year": str(exc)}) from exc
        if self.quarter and not self.fiscal_year:
            raise ValidationError({"fiscal_year": _("প্রান্তিক দিলে অর্থবছরও দিন।")})
        if not self.file and not self.link:
            raise ValidationError({"file": _("একটি ফাইল আপলোড করুন অথবা লিংক দিন।")})


CATEGORY_SECTION = {
    "apa": "apa",
    "apa_report": "apa",
    "nis_plan": "nis",
    "nis_report": "nis",
    "innovation": "innovation",
    "progress": "reports",
    "training": "reports",
    "development": "reports",
    "law": "documents",
    "circular": "documents",
    "other": "documents",
}


class Project(OfficeContent):
    """A project or development activity (প্রকল্প), R-2.11."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        description_bn: str | None
        description_en: str | None
        progress_bn: str | None
        progress_en: str | None
        title_bn: str | None
        title_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[ContentManager[Project]]
        _default_manager: ClassVar[ContentManager[Project]]

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("প্রস্তাবিত")
        ONGOING = "ongoing", _("চলমান")
        COMPLETED = "completed", _("সমাপ্ত")

    title = models.CharField(_("প্রকল্পের নাম"), max_length=300)  # translated
    description = models.TextField(_("বিবরণ"), blank=True)  # translated
    status = models.CharField(_("অবস্থা"), max_length=10, choices=Status.choices, default=Status.ONGOING)
    budget_taka = models.DecimalField(_("বরাদ্দ (টাকা)"), max_digits=16, decimal_places=2, null=True, blank=True)
    start_date = models.DateField(_("শুরুর তারিখ"), null=True, blank=True)
    end_date = models.DateField(_("সমাপ্তির তারিখ"), null=True, blank=True)
    progress = models.TextField(_("সর্বশেষ অগ্রগতি"), blank=True)  # translated

    section = "projects"

    class Meta:
        verbose_name = _("প্রকল্প")
        verbose_name_plural = _("প্রকল্পসমূহ")
        ordering: ClassVar[list[str]] = ["-start_date", "-id"]

    def __str__(self) -> str:
        return self.title_bn or self.title


class FocalPoint(OfficeContent):
    """The officer who is focal point for a programme (ফোকাল পয়েন্ট), R-2.10."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        subject_bn: str | None
        subject_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[ContentManager[FocalPoint]]
        _default_manager: ClassVar[ContentManager[FocalPoint]]

    subject = models.CharField(_("বিষয়"), max_length=300)  # translated
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="focal_points")
    sort_order = models.PositiveIntegerField(_("ক্রম"), default=100)

    section = "focal-points"

    class Meta:
        verbose_name = _("ফোকাল পয়েন্ট")
        verbose_name_plural = _("ফোকাল পয়েন্টসমূহ")
        ordering: ClassVar[list[str]] = ["sort_order", "id"]


class Page(OfficeContent):
    """A static page: about the office, history, organogram…"""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        body_bn: str | None
        body_en: str | None
        title_bn: str | None
        title_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[ContentManager[Page]]
        _default_manager: ClassVar[ContentManager[Page]]

    slug = models.SlugField(max_length=80)
    title = models.CharField(_("শিরোনাম"), max_length=300)  # translated
    body = models.TextField(_("বিস্তারিত"), blank=True)  # translated, sanitised HTML

    section = "pages"
    html_fields = ("body",)

    class Meta:
        verbose_name = _("পাতা")
        verbose_name_plural = _("পাতাসমূহ")
        constraints = (models.UniqueConstraint(fields=["office", "slug"], name="page_slug_per_office"),)

    def __str__(self) -> str:
        return self.title_bn or self.title

    def get_absolute_url(self) -> str:
        """The page on its office's portal (Bangla)."""
        from batayon.portal.links import portal_url

        return portal_url(self.office, "page", "bn", self.slug)


class MenuItem(models.Model):
    """The standard menu of the national portal for a tier (R-2.12), loaded from menus.yaml.

    Offices do not edit it; it is the same for every portal of a tier, which is what the
    Cabinet Division's guideline asks ("তথ্য বাতায়নের মেইন মেনুর আওতাধীন সাবমেনুসমূহ").
    """

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        title_bn: str | None
        title_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[models.Manager[MenuItem]]
        _default_manager: ClassVar[models.Manager[MenuItem]]

    tier = models.CharField(max_length=20, choices=Tier.choices, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)  # translated
    section = models.CharField(max_length=40, blank=True, help_text="Portal section this item opens.")
    sort_order = models.PositiveIntegerField(default=100)

    class Meta:
        verbose_name = _("মেনুর আইটেম")
        verbose_name_plural = _("মেনুর আইটেমসমূহ")
        ordering: ClassVar[list[str]] = ["sort_order", "id"]
        constraints = (models.UniqueConstraint(fields=["tier", "key"], name="menu_key_per_tier"),)

    def __str__(self) -> str:
        return f"{self.tier}: {self.title_bn or self.title}"


# Every model of mandated content, for code that treats them alike (compliance, revisions).
CONTENT_MODELS: tuple[type[OfficeContent], ...] = (
    Officer, Notice, CitizenCharter, CharterGrievanceStep, CharterExpectation, Service,
    DesignatedOfficer, Document, Project, FocalPoint, Page,
)
