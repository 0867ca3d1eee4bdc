"""Committee pages (/committees/…). Every view carries a decorator of ``accounts.permissions``:

- an office's committees, meetings and minutes: ``view`` on the office that keeps them (its
  own people, and its supervisors — so the district reads the minutes its upazilas forwarded);
- recording a decision's progress: ``edit``; publishing minutes: ``publish``;
- the district's monthly view and the reports: ``view_dashboard`` on the supervising office;
- the national report (a background task): ``view_dashboard`` without an office, administrators.
"""

from __future__ import annotations

import datetime as dt

from csp.decorators import csp_update
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from batayon.accounts.models import Membership, Role
from batayon.accounts.permissions import can, is_admin, office_permission_required, permission_required
from batayon.bangla.dates import GREGORIAN_MONTHS_BN
from batayon.bangla.digits import to_bangla_digits
from batayon.core.http import OfficeRequest
from batayon.letters.pdf import XLSX_CONTENT_TYPE, pdf_response
from batayon.offices.models import Area, Office, Tier
from batayon.oversight.reports import current_counts

from . import reports
from .forms import AttendanceForm, DecisionForm, MeetingForm
from .minutes import minutes_filename, minutes_html, minutes_pdf
from .models import Committee, Decision, Meeting, ReportJob, directive_progress, measured_progress
from .services import MeetingError, add_attendance, add_decision, add_meeting, publish, record_followup
from .tasks import build_report

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": XLSX_CONTENT_TYPE,
}


def _lang(request: OfficeRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", "bn")[:2]


def _meeting(request: OfficeRequest, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("committee__office", "committee__area"), pk=pk, committee__office=request.office
    )


@require_safe
@office_permission_required("view")
def office_committees(request: OfficeRequest) -> HttpResponse:
    office = request.office
    committees = (
        Committee.objects.filter(office=office)
        .select_related("area")
        .annotate(meetings_count=Count("meetings"), last=Max("meetings__date"))
    )
    return render(request, "committees/office.html", {
        "lang": _lang(request), "office": office, "committees": committees,
        "can_supervise": can(request.user, "view_dashboard", office),
        "is_district": office.tier == Tier.DISTRICT,
    })


@require_safe
@office_permission_required("view")
def committee_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.select_related("area", "office"), pk=pk, office=request.office)
    open_decisions = list(
        Decision.objects.filter(meeting__committee=committee, state=Decision.State.OPEN)
        .select_related("meeting", "directive").prefetch_related("implementers")
    )
    progress = directive_progress(open_decisions)  # the directives' states now, one refresh for all
    measured = measured_progress(open_decisions, committee.area)  # the rules' states now, one query for all
    return render(request, "committees/committee.html", {
        "lang": _lang(request), "office": request.office, "committee": committee,
        "members": committee.members.all(), "meetings": committee.meetings.all(),
        "open_decisions": [(d, measured.get(d.pk), progress.get(d.pk)) for d in open_decisions],
        "can_edit": can(request.user, "edit", request.office),
    })


@office_permission_required("edit")
def meeting_new(request: OfficeRequest, pk: int) -> HttpResponse:
    """A new meeting of a committee; the open decisions of earlier ones head it at once."""
    committee = get_object_or_404(Committee, pk=pk, office=request.office)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = add_meeting(committee, form.cleaned_data, request.user, request)
        messages.success(request, "সভা যোগ হয়েছে।")
        return redirect(meeting.get_absolute_url())
    return render(request, "committees/meeting_form.html",
                  {"lang": _lang(request), "office": request.office, "committee": committee, "form": form})


@require_POST
@office_permission_required("edit")
def decision_new(request: OfficeRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = DecisionForm(request.POST, committee=meeting.committee)
    if form.is_valid():
        try:
            add_decision(meeting, form.cleaned_data, request.user, request)
        except MeetingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "সিদ্ধান্ত যোগ হয়েছে।")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(meeting.get_absolute_url())


@require_POST
@office_permission_required("edit")
def attendance_new(request: OfficeRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            add_attendance(meeting, form.save(commit=False), request.user, request)
        except MeetingError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "উপস্থিতির তথ্য পূর্ণ নয়।")
    return redirect(meeting.get_absolute_url())


@require_safe
@office_permission_required("view")
def meeting_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    previous = meeting.previous()
    decisions = list(meeting.decisions.select_related("directive").prefetch_related("implementers"))
    # Every directive the page shows live (carried decisions not frozen by publication, and this
    # meeting's own decisions), brought up to date once, together.
    live = current_counts([*meeting.live_directive_ids(), *(d.directive_id for d in decisions)])
    progress = directive_progress(decisions, live)
    measured = measured_progress(decisions, meeting.committee.area)  # carried ones: in ``followups``
    return render(request, "committees/meeting.html", {
        "lang": _lang(request), "office": request.office, "meeting": meeting, "committee": meeting.committee,
        "followups": meeting.followups(live),
        "decisions": [(d, measured.get(d.pk), progress.get(d.pk)) for d in decisions],
        "can_edit": can(request.user, "edit", request.office) and not meeting.is_published,
        "can_publish": can(request.user, "publish", request.office) and not meeting.is_published,
        "states": Decision.State.choices,
        "previous": previous,
        "attendance": meeting.attendance.all(),
        "decision_form": DecisionForm(committee=meeting.committee), "attendance_form": AttendanceForm(),
    })


@require_safe
@office_permission_required("view")
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]  # django-csp types one-argument views
def minutes_page(request: OfficeRequest, pk: int) -> HttpResponse:
    return HttpResponse(minutes_html(_meeting(request, pk), request))


@require_safe
@office_permission_required("view")
def minutes_download(request: OfficeRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return pdf_response(minutes_pdf(meeting), minutes_filename(meeting))


@require_POST
@office_permission_required("publish")
def meeting_publish(request: OfficeRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        result = publish(meeting, request.user, request, base_url=request.build_absolute_uri("/").rstrip("/"))
    except MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "কার্যবিবরণী নোটিশ বোর্ডে প্রকাশিত হয়েছে।")
        if result.meeting.forwarded_to is not None:
            messages.info(request, f"কার্যবিবরণী {result.meeting.forwarded_to.name_bn}-এ পাঠানো হয়েছে।")
        for sent in result.mail:
            if sent.ok and sent.recipients:
                messages.info(request, f"কার্যবিবরণী {len(sent.recipients)}টি ঠিকানায় ই-মেইলে পাঠানো হয়েছে।")
            elif not sent.ok:
                messages.warning(request, "ই-মেইল পাঠানো যায়নি; কার্যবিবরণী প্রকাশিত আছে।")
    return redirect(meeting.get_absolute_url())


@require_POST
@office_permission_required("edit")
def followup(request: OfficeRequest, pk: int, decision: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    target = get_object_or_404(Decision, pk=decision, meeting__committee=meeting.committee)
    try:
        record_followup(meeting, target, request.POST.get("progress", ""), request.POST.get("state", ""),
                        request.user, request)
    except MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "অগ্রগতি সংরক্ষিত হয়েছে।")
    return redirect(meeting.get_absolute_url())


def _month(request: OfficeRequest) -> dt.date:
    value = request.GET.get("month", "")
    try:
        year, month = (int(x) for x in value.split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        if value:
            raise Http404 from None
        return timezone.localdate().replace(day=1)


def month_label(month: dt.date, lang: str) -> str:
    if lang == "en":
        return month.strftime("%B %Y")
    return f"{GREGORIAN_MONTHS_BN[month.month - 1]} {to_bangla_digits(month.year)}"


def monthly_rows(district: Area, month: dt.date) -> list[dict]:
    """Each upazila of the district: did a committee of it meet this month, and were the
    minutes sent to the district? One grouped query."""
    in_month = Q(committees__meetings__date__year=month.year, committees__meetings__date__month=month.month)
    rows = (
        Area.objects.filter(parent=district, level=Area.Level.UPAZILA)
        .annotate(
            met=Count("committees__meetings", filter=in_month, distinct=True),
            sent=Count("committees__meetings", filter=in_month & Q(committees__meetings__forwarded_at__isnull=False),
                       distinct=True),
            last=Max("committees__meetings__date"),
        )
        .order_by("name_bn")
    )
    meetings = {
        m.committee.area_id: m
        for m in Meeting.objects.in_month(month.year, month.month)
        .filter(committee__area__parent=district).select_related("committee__office").order_by("date")
    }
    return [{"area": a, "met": a.met, "sent": a.sent, "last": a.last, "meeting": meetings.get(a.pk)} for a in rows]


@require_safe
@office_permission_required("view_dashboard")
def district_monthly(request: OfficeRequest) -> HttpResponse:
    office = request.office
    if office.tier != Tier.DISTRICT or office.area is None:
        raise Http404
    month = _month(request)
    rows = monthly_rows(office.area, month)
    prev = (month - dt.timedelta(days=1)).replace(day=1)
    nxt = (month + dt.timedelta(days=32)).replace(day=1)
    return render(request, "committees/monthly.html", {
        "lang": _lang(request), "office": office, "month": month, "rows": rows,
        "met": sum(1 for r in rows if r["met"]), "sent": sum(1 for r in rows if r["sent"]),
        "prev": f"{prev:%Y-%m}", "next": f"{nxt:%Y-%m}", "month_label": month_label(month, _lang(request)),
    })


@require_safe
@permission_required("view_dashboard")
def reports_home(request: OfficeRequest) -> HttpResponse:
    """The reports a user may take: one set per office they supervise; the nation for admins."""
    roots = list(Office.objects.filter(
        pk__in=Membership.objects.filter(user_id=request.user.pk or 0, role=Role.SUPERVISOR).values("office_id")
    ))
    under = request.GET.get("under", "").strip().lower()
    if under:
        office = Office.objects.filter(domain=under).first()
        if office is None or not can(request.user, "view_dashboard", office):
            raise Http404
        roots = [office] + [o for o in roots if o.pk != office.pk]
    return render(request, "committees/reports.html", {
        "lang": _lang(request), "roots": roots, "under": under,
        "national": is_admin(request.user), "kinds": reports.KINDS, "formats": reports.FORMATS,
        "jobs": ReportJob.objects.filter(user_id=request.user.pk or 0).order_by("-created")[:10],
    })


@require_safe
@office_permission_required("view_dashboard")
def report_download(request: OfficeRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in reports.KINDS or fmt not in reports.FORMATS:
        raise Http404
    since = None
    if request.GET.get("since"):
        try:
            since = dt.date.fromisoformat(request.GET["since"])
        except ValueError as exc:
            raise Http404 from exc
    try:
        data = reports.build(kind, fmt, request.office, since=since)
    except reports.ReportUnavailable as exc:
        messages.error(request, str(exc))
        return redirect(reverse("committees:reports"))
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{reports.filename(kind, fmt, request.office)}"'
    return response


@require_POST
@permission_required("view_dashboard")
def national_report(request: OfficeRequest) -> HttpResponse:
    """The national compliance report is built in the background; its page shows the progress."""
    if not is_admin(request.user):
        raise PermissionDenied
    fmt = request.POST.get("format", "xlsx")
    if fmt not in reports.FORMATS:
        raise Http404
    job = ReportJob.objects.create(kind="compliance", fmt=fmt, user_id=request.user.pk, total=Office.objects.count())
    build_report.enqueue(job.pk)
    return redirect(reverse("committees:job", args=[job.pk]))


def _job(request: OfficeRequest, pk: int) -> ReportJob:
    job = get_object_or_404(ReportJob, pk=pk)
    if job.user_id != request.user.pk and not is_admin(request.user):
        raise PermissionDenied
    return job


@require_safe
@permission_required("view_dashboard")
def job_status(request: OfficeRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(request, "committees/job.html", {"lang": _lang(request), "job": job})


@require_safe
@permission_required("view_dashboard")
def job_file(request: OfficeRequest, pk: int) -> FileResponse:
    job = _job(request, pk)
    if job.status != ReportJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1],
                        content_type=CONTENT_TYPES.get(job.fmt))
