"""Directive pages: the issuing office issues and follows; the addressed office acknowledges
and reports; every view goes through ``accounts.permissions``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from batayon.accounts.models import Membership
from batayon.accounts.permissions import (
    can,
    office_permission_required,
    permission_required,
    signed_in_required,
    supervised_offices,
)
from batayon.compliance.views import Scope, resolve_scope
from batayon.core.http import OfficeRequest
from batayon.letters.pdf import pdf_response, render_html, render_pdf, xlsx_response
from batayon.offices.models import Office

from .forms import DirectiveForm, PreferenceForm, WaiverForm
from .models import Directive, DirectiveItem, DirectiveTarget, ReminderPreference, TargetState
from .reports import DirectiveCounts, counts_seen_from, letter_head, report_rows, seen_from, summary
from .reports import report_xlsx as build_xlsx
from .services import (
    DirectiveError,
    confirm_item,
    grant_waiver,
    issue_directive,
    items_from,
    refresh_targets,
    report_done,
    target_items,
)
from .services import (
    acknowledge as acknowledge_target,
)


def _lang() -> str:
    return (get_language() or "bn")[:2]


def _ctx(request: OfficeRequest, **extra) -> dict:
    return {"lang": _lang(), "office": getattr(request, "office", None), **extra}


def _issued(request: OfficeRequest, pk: int) -> Directive:
    return get_object_or_404(Directive.objects.select_related("issuer"), pk=pk, issuer=request.office)


# --- The issuing office ---------------------------------------------------------------------


@office_permission_required("issue_directive")
def directive_list(request: OfficeRequest) -> HttpResponse:
    directives = Directive.objects.filter(issuer=request.office)
    page = Paginator(directives, 30).get_page(request.GET.get("page"))
    return render(request, "oversight/directive_list.html", _ctx(request, page=page))


@office_permission_required("issue_directive")
def directive_new(request: OfficeRequest) -> HttpResponse:
    issuer = request.office
    form = DirectiveForm(
        request.POST or None, initial={"issued_on": timezone.localdate(), "preset": "seed-001"}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        under = None
        if data["under"]:
            under = Office.objects.filter(domain=data["under"].strip().lower()).first()
            if under is None:
                form.add_error("under", _("%(domain)s নামে কোনো দপ্তর নেই।") % {"domain": data["under"]})
        chosen = None
        domains = [d.strip().lower() for d in data["offices"].split() if d.strip()]
        if domains:
            found = dict(Office.objects.filter(domain__in=domains).values_list("domain", "pk"))
            unknown = [d for d in domains if d not in found]
            if unknown:
                form.add_error("offices", _("%(domain)s নামে কোনো দপ্তর নেই।") % {"domain": ", ".join(unknown)})
            chosen = list(found.values())
        if not form.errors:
            try:
                items = items_from(
                    [r.code for r in data["rules"]],
                    preset=data["preset"] or None,
                    free=data["free_items"].splitlines(),
                )
                directive = issue_directive(
                    issuer=issuer,
                    under=under,
                    tiers=data["tiers"],
                    chosen=chosen,
                    subject=data["subject"],
                    body=data["body"],
                    memo_number=data["memo_number"],
                    items=items,
                    deadline=data["deadline"],
                    working_days=data["working_days"],
                    issued_on=data["issued_on"],
                    distribution=data["distribution"],
                    copies=data["copies"],
                    signatory_name=data["signatory_name"],
                    signatory_designation=data["signatory_designation"],
                    user=request.user,
                )
            except DirectiveError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("নির্দেশনা জারি হয়েছে।"))
                return redirect(directive)
    return render(request, "oversight/directive_form.html", _ctx(request, form=form))


def _supervisors_to_area_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A supervisor above the issuing office who opens the issuer's link to a directive (from a
    letter, an e-mail, a report) is sent to its read-only page in their area, not refused."""

    @wraps(view)
    def wrapper(request: OfficeRequest, *args: Any, pk: int, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, pk=pk, **kwargs)
        except PermissionDenied:
            in_their_area = Directive.objects.concerning(supervised_offices(request.user)).filter(pk=pk)
            if request.method in ("GET", "HEAD") and can(request.user, "view_dashboard") and in_their_area.exists():
                return redirect("oversight:area-directive", pk=pk)
            raise

    return wrapper


@_supervisors_to_area_page
@office_permission_required("issue_directive")
def directive_status(request: OfficeRequest, pk: int) -> HttpResponse:
    directive = _issued(request, pk)
    status = _status_page(request, directive)
    # The offices whose items need the supervisor (confirm, waive), a screenful at a time.
    needing = [r for r in status["page"] if r.state in (TargetState.NEEDS_CONFIRMATION, TargetState.CONTRADICTED)]
    open_items = [(row, target_items(row.target, lang=_lang())) for row in needing[:20]]
    return render(
        request,
        "oversight/directive_status.html",
        _ctx(request, **status, open_items=open_items, waiver_form=WaiverForm()),
    )


def _status_page(request: OfficeRequest, directive: Directive, offices: QuerySet[Office] | None = None) -> dict:
    """What a directive's status page shows (the issuer's and the area's): its targets as they
    stand now (of ``offices`` only, if given), filtered by ``?state=``, 100 a page."""
    refresh_targets([directive.pk])
    rows = report_rows(directive, _lang(), offices=offices)
    state = request.GET.get("state")
    shown = [r for r in rows if r.state == state or (state == "late" and r.late)] if state else rows
    return {
        "directive": directive,
        "page": Paginator(shown, 100).get_page(request.GET.get("page")),
        "summary": summary(rows),
        "states": TargetState.choices,
        "state": state,
        "items": directive.items.prefetch_related("rules"),
    }


def _letter_context(directive: Directive) -> dict:
    lang = _lang()
    return {
        "head": letter_head(directive, lang),
        "lang": lang,
        "directive": directive,
        "items": list(directive.items.all()),
    }


@office_permission_required("issue_directive")
def directive_letter(request: OfficeRequest, pk: int) -> HttpResponse:
    directive = _issued(request, pk)
    return HttpResponse(render_html("oversight/letter.html", _letter_context(directive), request))


@office_permission_required("issue_directive")
def directive_letter_pdf(request: OfficeRequest, pk: int) -> HttpResponse:
    directive = _issued(request, pk)
    return pdf_response(
        render_pdf("oversight/letter.html", _letter_context(directive)), f"directive-{pk}.pdf"
    )


def _report_context(directive: Directive, offices: QuerySet[Office] | None = None) -> dict:
    lang = _lang()
    refresh_targets([directive.pk])
    rows = report_rows(directive, lang, offices=offices)
    head = letter_head(directive, lang)
    head.subject = _("নির্দেশনা বাস্তবায়নের অবস্থা: %(subject)s") % {"subject": directive.subject}
    head.date = timezone.localdate()
    head.distribution, head.copies = [], []
    return {"head": head, "lang": lang, "directive": directive, "rows": rows, "summary": summary(rows)}


@office_permission_required("issue_directive")
def report_pdf(request: OfficeRequest, pk: int) -> HttpResponse:
    directive = _issued(request, pk)
    return pdf_response(
        render_pdf("oversight/report.html", _report_context(directive)), f"directive-{pk}-status.pdf"
    )


@office_permission_required("issue_directive")
def report_xlsx_view(request: OfficeRequest, pk: int) -> HttpResponse:
    return _report_xlsx(_issued(request, pk))


def _report_xlsx(directive: Directive, offices: QuerySet[Office] | None = None) -> HttpResponse:
    refresh_targets([directive.pk])
    return xlsx_response(build_xlsx(directive, _lang(), offices), f"directive-{directive.pk}-status.xlsx")


def _target_and_item(request: OfficeRequest, directive: Directive) -> tuple[DirectiveTarget, DirectiveItem]:
    """The office and the item a confirmation or waiver is about. Only the issuing office's
    supervisors get here (a supervisor above the issuer follows its directives read-only),
    and only for an office they verify."""
    try:
        target = DirectiveTarget.objects.select_related("office").get(
            pk=int(request.POST.get("target", "")), directive=directive
        )
        item = DirectiveItem.objects.get(pk=int(request.POST.get("item", "")), directive=directive)
    except (ValueError, DirectiveTarget.DoesNotExist, DirectiveItem.DoesNotExist) as exc:
        raise Http404 from exc
    if not can(request.user, "verify", target.office):
        raise PermissionDenied
    return target, item


@require_POST
@office_permission_required("issue_directive")
def confirm(request: OfficeRequest, pk: int) -> HttpResponse:
    directive = _issued(request, pk)
    target, item = _target_and_item(request, directive)
    try:
        confirm_item(target, item, request.user)
    except DirectiveError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("নিশ্চিত করা হয়েছে।"))
    return redirect(directive)


@require_POST
@office_permission_required("issue_directive")
def waive(request: OfficeRequest, pk: int) -> HttpResponse:
    directive = _issued(request, pk)
    form = WaiverForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("অব্যাহতির কারণ ও মেয়াদ দিন।"))
        return redirect(directive)
    target, item = _target_and_item(request, directive)
    try:
        grant_waiver(
            target, item, form.cleaned_data["justification"], form.cleaned_data["expires_on"], request.user
        )
    except DirectiveError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("অব্যাহতি দেওয়া হয়েছে।"))
    return redirect(directive)


# --- Supervisors of the area (read-only) -----------------------------------------------------
# A supervisor follows, without acting on them, the directives issued by any office of the
# subtree they supervise and those addressed to offices of it. The subtree is the supervision
# pages' own (``?area=`` / ``?org=``, within what the user supervises: ``resolve_scope``).


def _area_ctx(request: OfficeRequest, scope: Scope, **extra) -> dict:
    lang = _lang()
    return {"lang": lang, "scope": scope, "scope_title": scope.title(lang), "active": "directives", **extra}


def _in_area(request: OfficeRequest, pk: int) -> tuple[Scope, Directive, QuerySet[Office] | None]:
    """The directive if it concerns the user's area (404 otherwise), and the targets they follow."""
    scope = resolve_scope(request)
    directive = get_object_or_404(Directive.objects.concerning(scope.offices).select_related("issuer"), pk=pk)
    return scope, directive, seen_from(directive, scope.offices)


@require_safe
@permission_required("view_dashboard")
def area_list(request: OfficeRequest) -> HttpResponse:
    scope = resolve_scope(request)
    directives = Directive.objects.concerning(scope.offices).select_related("issuer")
    page = Paginator(directives, 30).get_page(request.GET.get("page"))
    refresh_targets([d.pk for d in page])
    counts = counts_seen_from(page, scope.offices)
    rows = [(d, counts.get(d.pk, DirectiveCounts(0))) for d in page]
    return render(request, "oversight/area_list.html", _area_ctx(request, scope, page=page, rows=rows))


@require_safe
@permission_required("view_dashboard")
def area_directive(request: OfficeRequest, pk: int) -> HttpResponse:
    scope, directive, offices = _in_area(request, pk)
    return render(
        request,
        "oversight/area_directive.html",
        _area_ctx(
            request,
            scope,
            **_status_page(request, directive, offices),
            whole=offices is None,
            issuing=can(request.user, "issue_directive", directive.issuer),
        ),
    )


@require_safe
@permission_required("view_dashboard")
def area_report_pdf(request: OfficeRequest, pk: int) -> HttpResponse:
    _scope, directive, offices = _in_area(request, pk)
    return pdf_response(
        render_pdf("oversight/report.html", _report_context(directive, offices)), f"directive-{pk}-status.pdf"
    )


@require_safe
@permission_required("view_dashboard")
def area_report_xlsx(request: OfficeRequest, pk: int) -> HttpResponse:
    _scope, directive, offices = _in_area(request, pk)
    return _report_xlsx(directive, offices)


@require_safe
@permission_required("view_dashboard")
def area_letter_pdf(request: OfficeRequest, pk: int) -> HttpResponse:
    _scope, directive, _offices = _in_area(request, pk)
    return pdf_response(
        render_pdf("oversight/letter.html", _letter_context(directive)), f"directive-{pk}.pdf"
    )


# --- The addressed office ---------------------------------------------------------------------


def _addressed(request: OfficeRequest, pk: int) -> DirectiveTarget:
    return get_object_or_404(
        DirectiveTarget.objects.select_related("directive", "directive__issuer", "office"),
        directive_id=pk,
        office=request.office,
    )


@office_permission_required("view")
def inbox(request: OfficeRequest) -> HttpResponse:
    refresh_targets(office_ids=[request.office.pk])
    targets = (
        DirectiveTarget.objects.filter(office=request.office, directive__issued_on__lte=timezone.localdate())
        .select_related("directive", "directive__issuer")
        .order_by("-directive__issued_on", "-directive_id")
    )
    return render(request, "oversight/inbox.html", _ctx(request, targets=targets, today=timezone.localdate()))


@office_permission_required("view")
def target(request: OfficeRequest, pk: int) -> HttpResponse:
    t = _addressed(request, pk)
    refresh_targets([t.directive_id], [t.office_id])
    t.refresh_from_db()
    return render(
        request,
        "oversight/target.html",
        _ctx(
            request,
            target=t,
            directive=t.directive,
            rows=target_items(t, lang=_lang()),
            late=t.is_late(),
            can_acknowledge=can(request.user, "acknowledge", request.office),
            can_report=can(request.user, "report", request.office),
        ),
    )


@office_permission_required("view")
def target_letter_pdf(request: OfficeRequest, pk: int) -> HttpResponse:
    t = _addressed(request, pk)
    return pdf_response(
        render_pdf("oversight/letter.html", _letter_context(t.directive)), f"directive-{pk}.pdf"
    )


@require_POST
@office_permission_required("acknowledge")
def acknowledge(request: OfficeRequest, pk: int) -> HttpResponse:
    t = _addressed(request, pk)
    acknowledge_target(t, request.user)
    messages.success(request, _("প্রাপ্তি স্বীকার করা হয়েছে।"))
    return redirect(t)


@require_POST
@office_permission_required("report")
def report(request: OfficeRequest, pk: int) -> HttpResponse:
    t = _addressed(request, pk)
    report_done(t, request.user)
    t.refresh_from_db()
    if t.state == TargetState.VERIFIED:
        messages.success(request, _("প্রতিবেদন দেওয়া হয়েছে এবং সব বিষয় যাচাইয়ে সঠিক পাওয়া গেছে।"))
    else:
        messages.warning(request, _("প্রতিবেদন দেওয়া হয়েছে, কিন্তু কিছু বিষয় এখনো সম্পন্ন দেখা যাচ্ছে না।"))
    return redirect(t)


# --- Everyone ---------------------------------------------------------------------------------


@signed_in_required
def home(request: OfficeRequest) -> HttpResponse:
    """Where "directives" leads: the directives a supervisor's office issued, or the office's inbox."""
    user = request.user
    assert user.is_authenticated  # signed_in_required
    memberships = list(Membership.objects.filter(user=user).select_related("office"))
    for m in memberships:
        if can(request.user, "issue_directive", m.office):
            return redirect("oversight:directives", domain=m.office.domain)
    for m in memberships:
        if can(request.user, "acknowledge", m.office):
            return redirect("oversight:inbox", domain=m.office.domain)
    raise Http404


@signed_in_required
def preferences(request: OfficeRequest) -> HttpResponse:
    pref, _created = ReminderPreference.objects.get_or_create(user=request.user)
    form = PreferenceForm(request.POST or None, instance=pref)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("পছন্দ সংরক্ষিত হয়েছে।"))
        return redirect("oversight:preferences")
    return render(request, "oversight/preferences.html", _ctx(request, form=form))
