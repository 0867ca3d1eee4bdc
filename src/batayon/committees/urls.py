"""/committees/…: committees, meetings and minutes of an office; the district's monthly view; reports."""

from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("reports/", views.reports_home, name="reports"),
    path("reports/national/", views.national_report, name="national"),
    path("reports/jobs/<int:pk>/", views.job_status, name="job"),
    path("reports/jobs/<int:pk>/file/", views.job_file, name="job_file"),
    path("<str:domain>/", views.office_committees, name="office"),
    path("<str:domain>/monthly/", views.district_monthly, name="monthly"),
    path("<str:domain>/reports/<str:kind>.<str:fmt>", views.report_download, name="report"),
    path("<str:domain>/committee/<int:pk>/", views.committee_detail, name="committee"),
    path("<str:domain>/committee/<int:pk>/meeting/new/", views.meeting_new, name="meeting_new"),
    path("<str:domain>/meeting/<int:pk>/", views.meeting_detail, name="meeting"),
    path("<str:domain>/meeting/<int:pk>/decision/new/", views.decision_new, name="decision_new"),
    path("<str:domain>/meeting/<int:pk>/attendance/new/", views.attendance_new, name="attendance_new"),
    path("<str:domain>/meeting/<int:pk>/minutes/", views.minutes_page, name="minutes"),
    path("<str:domain>/meeting/<int:pk>/minutes.pdf", views.minutes_download, name="minutes_pdf"),
    path("<str:domain>/meeting/<int:pk>/publish/", views.meeting_publish, name="publish"),
    path("<str:domain>/meeting/<int:pk>/followup/<int:decision>/", views.followup, name="followup"),
]
