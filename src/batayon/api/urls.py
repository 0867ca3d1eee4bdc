"""API v1, mounted at /api/. Paths without a trailing slash, as in the OpenAPI document."""

from django.urls import path, re_path

from . import feeds, views

urlpatterns = [
    path("v1/openapi.json", views.openapi_json, name="api-openapi"),
    path("v1/offices/", views.office_list, name="api-offices"),
    path("v1/offices", views.office_list),
    path("v1/offices/<str:domain>/officers", views.office_officers, name="api-office-officers"),
    path("v1/offices/<str:domain>/services", views.office_services, name="api-office-services"),
    path("v1/offices/<str:domain>/notices", views.office_notices, name="api-office-notices"),
    path("v1/offices/<str:domain>/notices.rss", feeds.notices_rss, name="api-office-notices-rss"),
    path("v1/offices/<str:domain>/notices.atom", feeds.notices_atom, name="api-office-notices-atom"),
    path("v1/offices/<str:domain>/documents", views.office_documents, name="api-office-documents"),
    path("v1/offices/<str:domain>/compliance", views.office_compliance, name="api-office-compliance"),
    path("v1/offices/<str:domain>/sitemap.xml", feeds.sitemap, name="api-office-sitemap"),
    path("v1/offices/<str:domain>", views.office_detail, name="api-office"),
    path("v1/search", views.search, name="api-search"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
