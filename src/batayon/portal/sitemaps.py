"""The sitemap of an office's portal, with ``django.contrib.sitemaps``.

Every page is listed once per language (``i18n``) with its Bangla and English versions as
hreflang alternates. Addresses are the office's
own host (``https://<domain>/bn/…``), whichever address the sitemap was asked at: the
office's host (``/sitemap.xml``), ``/o/<domain>/sitemap.xml`` or the API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation

from batayon.content.models import CATEGORY_SECTION, CONTENT_MODELS, DesignatedOfficer, Document, Notice, Page
from batayon.offices.models import Office

from .sections import SECTIONS

SITEMAP_NOTICES = 1000


@dataclass(frozen=True)
class Entry:
    rest: str  # the path after /<lang>/
    lastmod: dt.datetime | None


@dataclass(frozen=True)
class OfficeSite:
    """What ``Sitemap.get_urls`` needs of a site: the office's own host."""

    domain: str
    name: str = ""


def section_stamps(office: Office) -> dict[str, dt.datetime]:
    """The newest published change of each portal section."""
    stamps: dict[str, dt.datetime] = {}

    def note(section: str, newest: dt.datetime | None) -> None:
        if newest and (section not in stamps or newest > stamps[section]):
            stamps[section] = newest

    for model in CONTENT_MODELS:
        published = model.objects.published().of(office)
        if model is Document:  # its section depends on the category
            for category, newest in published.values_list("category").annotate(m=Max("updated_at")).order_by():
                note(CATEGORY_SECTION.get(category, "documents"), newest)
        elif model is DesignatedOfficer:  # rti or grs
            for scheme, newest in published.values_list("scheme").annotate(m=Max("updated_at")).order_by():
                note(scheme, newest)
        elif isinstance(model.__dict__.get("section"), str):
            note(model.section, published.aggregate(m=Max("updated_at"))["m"])
    note("staff", stamps.get("officers"))  # staff share the officers' model
    return stamps


class PortalSitemap(Sitemap):
    """The home page, every section, the live notices and the pages of one office."""

    i18n = True
    alternates = True
    # No x-default: Django would point it at the address without the language prefix
    # (``/officers/``), which a portal does not have; only its root chooses a language.
    x_default = False

    def __init__(self, office: Office):
        self.office = office

    def items(self) -> list[Entry]:
        office = self.office
        stamps = section_stamps(office)
        entries = [Entry("", office.content_updated_at)]
        entries += [Entry(f"{key}/", stamps.get(key)) for key in SECTIONS]
        notices = Notice.objects.of(office).live().order_by("-publish_date", "-id").values_list("pk", "updated_at")
        entries += [Entry(f"notices/{pk}/", updated) for pk, updated in notices[:SITEMAP_NOTICES]]
        pages = Page.objects.published().of(office).values_list("slug", "updated_at")
        entries += [Entry(f"pages/{slug}/", updated) for slug, updated in pages]
        return entries

    def location(self, item: Entry) -> str:
        return f"/{translation.get_language()}/{item.rest}"

    def lastmod(self, item: Entry) -> dt.datetime | None:
        return item.lastmod


def render_sitemap(office: Office) -> str:
    """The sitemap XML of one office (Django's own ``sitemap.xml`` template)."""
    urls: list[dict[str, Any]] = PortalSitemap(office).get_urls(site=OfficeSite(office.domain), protocol="https")
    return render_to_string("sitemap.xml", {"urlset": urls})
