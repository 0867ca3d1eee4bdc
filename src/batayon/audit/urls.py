"""/supervision/audit/…: what the auditor saw of an office's portal hosted elsewhere."""

from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("<str:domain>/", views.office_audit, name="office"),
]
