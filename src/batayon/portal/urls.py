"""Portal URLs, mounted twice: on an office's own host (``/bn/…``) and, for local use and
links between portals, under ``/o/<domain>/`` (``/o/kushtia.gov.bd/bn/…``)."""

from django.urls import include, path, register_converter
from django.views.generic import RedirectView

from batayon.api import feeds

from . import views


class LanguageConverter:
    regex = "bn|en"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "lang")

office_patterns = [
    path("sitemap.xml", feeds.host_sitemap, name="sitemap"),
    path("<lang:lang>/", views.home, name="home"),
    path("<lang:lang>/notices/feed/", feeds.host_notices_rss, name="notices-rss"),
    path("<lang:lang>/notices/feed/atom/", feeds.host_notices_atom, name="notices-atom"),
    path("<lang:lang>/notices/<int:pk>/", views.notice_detail, name="notice"),
    path("<lang:lang>/pages/<slug:slug>/", views.page_detail, name="page"),
    path("<lang:lang>/<slug:key>/", views.section, name="section"),
]

urlpatterns = [
    path("", views.root, name="root"),
    path("<lang:lang>/directory/division/<str:code>/", views.area_directory, {"level": 1}, name="division"),
    path("<lang:lang>/directory/district/<str:code>/", views.area_directory, {"level": 2}, name="district"),
    path("<lang:lang>/directory/upazila/<str:code>/", views.area_directory, {"level": 3}, name="upazila"),
    path("<lang:lang>/directory/org/<int:pk>/", views.org_directory, name="org"),
    path("o/<str:domain>/", RedirectView.as_view(url="/o/%(domain)s/bn/"), name="office-root"),
    path("o/<str:domain>/", include(office_patterns)),
    *office_patterns,
]
