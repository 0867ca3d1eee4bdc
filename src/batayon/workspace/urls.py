"""The office workspace, mounted at /workspace/."""

from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("<str:domain>/", views.office_page, name="office"),
    path("<str:domain>/log/", views.audit_log, name="log"),
    path("<str:domain>/<slug:section>/", views.section_list, name="list"),
    path("<str:domain>/<slug:section>/new/", views.item_edit, name="new"),
    path("<str:domain>/<slug:section>/confirm/", views.section_confirm, name="confirm"),
    path("<str:domain>/<slug:section>/import/", views.officer_import, name="import"),
    path("<str:domain>/<slug:section>/import/template.xlsx", views.import_template, name="import-template"),
    path("<str:domain>/<slug:section>/<int:pk>/", views.item_edit, name="edit"),
    path("<str:domain>/<slug:section>/<int:pk>/delete/", views.item_delete, name="delete"),
    path("<str:domain>/<slug:section>/<int:pk>/history/", views.item_history, name="history"),
    path("<str:domain>/<slug:section>/<int:pk>/restore/<int:revision>/", views.item_restore, name="restore"),
    path("<str:domain>/<slug:section>/<int:pk>/approve/", views.item_approve, name="approve"),
    path("<str:domain>/<slug:section>/<int:pk>/transfer/", views.officer_transfer, name="transfer"),
]
