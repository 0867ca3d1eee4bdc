"""Each office's notices as RSS and Atom, and a sitemap per portal.

The views here come in two forms: under the API (``/api/v1/offices/<domain>/notices.rss``)
and for an office's own host (``host_*``: the office comes from ``request.office_id``, set by
``OfficeHostMiddleware``), for the portal's ``/bn/notices/feed/`` and ``/sitemap.xml``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from batayon.content.models import (
    Notice,
)
from batayon.offices.models import Office
from batayon.portal.links import portal_url

from .http import ApiError, api_view, conditional, make_etag
from .views import get_office

FEED_ITEMS = 50


def _office_url(office: Office, rest: str = "", lang: str = "bn") -> str:
    # Only the hand-written sitemap below still builds addresses from a path tail; it is being
    # replaced by django.contrib.sitemaps. Everything else uses portal.links.portal_url.
    return f"{portal_url(office, 'home', lang, absolute=True)}{rest}"


class NoticesRss(Feed):
    """The live notices of one office, newest first, in Bangla (English where given)."""

    feed_type = Rss201rev2Feed
    language = "bn"

    def __init__(self, lang: str = "bn"):
        super().__init__()
        self.lang = lang

    def get_object(self, request: HttpRequest, office: Office) -> Office:
        return office

    def _office_name(self, office: Office) -> str:
        return (office.name_en or office.name_bn) if self.lang == "en" else office.name_bn

    def title(self, office: Office) -> str:
        with translation.override(self.lang):
            return _("নোটিশ বোর্ড — %(office)s") % {"office": self._office_name(office)}

    def link(self, office: Office) -> str:
        return portal_url(office, "section", self.lang, "notices", absolute=True)

    def description(self, office: Office) -> str:
        with translation.override(self.lang):
            return _("%(office)s এর দাপ্তরিক নোটিশ ও বিজ্ঞপ্তি") % {"office": self._office_name(office)}

    def items(self, office: Office):
        return Notice.objects.of(office).live().select_related("office").order_by("-publish_date", "-id")[:FEED_ITEMS]

    def _text(self, bn: str, en: str) -> str:
        return (en or bn) if self.lang == "en" else (bn or en)

    def item_title(self, item: Notice) -> str:
        return self._text(item.title_bn, item.title_en)

    def item_description(self, item: Notice) -> str:
        return self._text(item.body_bn, item.body_en)

    def item_link(self, item: Notice) -> str:
        return portal_url(item.office, "notice", self.lang, item.pk, absolute=True)

    def item_guid(self, item: Notice) -> str:
        return f"tag:{item.office.domain},notice:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Notice) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(item.publish_date, dt.time(9, 0)))

    def item_updateddate(self, item: Notice) -> dt.datetime:
        return item.updated_at

    def item_enclosures(self, item: Notice) -> list:
        return []


class NoticesAtom(NoticesRss):
    feed_type = Atom1Feed

    def subtitle(self, office: Office) -> str:
        return self.description(office)


def _validators(request: HttpRequest, office: Office, what: str) -> HttpResponse | None:
    etag = make_etag(what, request.path, office.pk, office.domain, office.content_updated_at)
    return conditional(request, etag, office.content_updated_at or office.created_at)


def _feed(request: HttpRequest, office: Office, feed_class: type[NoticesRss], lang: str) -> HttpResponse:
    if (not_modified := _validators(request, office, f"{feed_class.__name__}:{lang}")) is not None:
        return not_modified
    response = feed_class(lang)(request, office=office)
    # Feed readers honour the validators set by api_view, not the feed's own Last-Modified.
    del response["Last-Modified"]
    return response


@api_view(max_age=300)
def notices_rss(request: HttpRequest, domain: str) -> HttpResponse:
    return _feed(request, get_office(domain), NoticesRss, "bn")


@api_view(max_age=300)
def notices_atom(request: HttpRequest, domain: str) -> HttpResponse:
    return _feed(request, get_office(domain), NoticesAtom, "bn")


def _host_office(request: HttpRequest, domain: str | None = None) -> Office:
    """The office of the portal: from ``/o/<domain>/…`` locally, else from the host."""
    if domain:
        return get_office(domain)
    office_id = getattr(request, "office_id", None)
    if not office_id:
        raise ApiError(404, "office_not_found")
    return Office.objects.get(pk=office_id)


@api_view(max_age=300)
def host_notices_rss(request: HttpRequest, lang: str = "bn", domain: str | None = None) -> HttpResponse:
    """For an office's own host: ``/bn/notices/feed/`` (RSS)."""
    return _feed(request, _host_office(request, domain), NoticesRss, lang)


@api_view(max_age=300)
def host_notices_atom(request: HttpRequest, lang: str = "bn", domain: str | None = None) -> HttpResponse:
    """For an office's own host: ``/bn/notices/feed/atom/``."""
    return _feed(request, _host_office(request, domain), NoticesAtom, lang)


# --- sitemap ---------------------------------------------------------------------------------


def _sitemap(request: HttpRequest, office: Office) -> HttpResponse:
    if (not_modified := _validators(request, office, "sitemap")) is not None:
        return not_modified
    from batayon.portal.sitemaps import render_sitemap  # the portal decides what its pages are

    return HttpResponse(render_sitemap(office), content_type="application/xml; charset=utf-8")


@api_view(max_age=3600)
def sitemap(request: HttpRequest, domain: str) -> HttpResponse:
    return _sitemap(request, get_office(domain))


@api_view(max_age=3600)
def host_sitemap(request: HttpRequest, domain: str | None = None) -> HttpResponse:
    """For an office's own host: ``/sitemap.xml`` (locally ``/o/<domain>/sitemap.xml``)."""
    return _sitemap(request, _host_office(request, domain))
