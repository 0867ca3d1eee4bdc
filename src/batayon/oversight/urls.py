"""Directives and reminders (/oversight/…): the issuing office's pages, the addressed office's
pages, and each user's reminder preferences."""

from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("", views.home, name="home"),
    path("preferences/", views.preferences, name="preferences"),
    # A supervisor's area (?area= / ?org= as on the supervision pages), read-only.
    path("area/", views.area_list, name="area"),
    path("area/<int:pk>/", views.area_directive, name="area-directive"),
    path("area/<int:pk>/report.pdf", views.area_report_pdf, name="area-report-pdf"),
    path("area/<int:pk>/report.xlsx", views.area_report_xlsx, name="area-report-xlsx"),
    path("area/<int:pk>/letter.pdf", views.area_letter_pdf, name="area-letter-pdf"),
    # The issuing (supervising) office.
    path("<str:domain>/directives/", views.directive_list, name="directives"),
    path("<str:domain>/directives/new/", views.directive_new, name="new"),
    path("<str:domain>/directives/<int:pk>/", views.directive_status, name="directive"),
    path("<str:domain>/directives/<int:pk>/letter/", views.directive_letter, name="letter"),
    path("<str:domain>/directives/<int:pk>/letter.pdf", views.directive_letter_pdf, name="letter-pdf"),
    path("<str:domain>/directives/<int:pk>/report.pdf", views.report_pdf, name="report-pdf"),
    path("<str:domain>/directives/<int:pk>/report.xlsx", views.report_xlsx_view, name="report-xlsx"),
    path("<str:domain>/directives/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<str:domain>/directives/<int:pk>/waive/", views.waive, name="waive"),
    # An office the directives are addressed to.
    path("<str:domain>/inbox/", views.inbox, name="inbox"),
    path("<str:domain>/inbox/<int:pk>/", views.target, name="target"),
    path("<str:domain>/inbox/<int:pk>/letter.pdf", views.target_letter_pdf, name="target-letter-pdf"),
    path("<str:domain>/inbox/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<str:domain>/inbox/<int:pk>/report/", views.report, name="report"),
]
