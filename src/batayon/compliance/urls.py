"""Supervision (/supervision/…): dashboards for supervisors, the office checklist, the public page."""

from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("leagues/", views.leagues, name="leagues"),
    path("map/", views.district_map, name="map"),
    path("eservices/", views.eservices, name="eservices"),
    path("office/<str:domain>/", views.office_checklist, name="office"),
    path("office/<str:domain>/confirm/", views.confirm, name="confirm"),
    path("public/", views.public_index, name="public_index"),
    path("public/district/<str:code>/", views.public_district, name="public_district"),
]
