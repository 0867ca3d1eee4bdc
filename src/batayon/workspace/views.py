"""The office workspace: an office's checklist, its lists, forms, history and imports.

Every view is wrapped by a decorator from ``batayon.accounts.permissions`` (the only place
where rights are decided). Every change goes through ``batayon.history.services`` so that
its revision and audit entry are written in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from batayon.accounts.permissions import (
    can,
    editable_offices,
    office_permission_required,
    signed_in_required,
)
from batayon.bangla.digits import to_latin_digits
from batayon.compliance import services as compliance
from batayon.content.models import (
    CharterGrievanceStep,
    DesignatedOfficer,
    FocalPoint,
    Notice,
    Officer,
    PublishState,
    Service,
)
from batayon.core.http import OfficeRequest
from batayon.core.templatetags.bn import day, num
from batayon.history.models import AuditEntry
from batayon.history.services import (
    StaleEdit,
    delete_content,
    field_changes,
    history_with_diffs,
    restore,
    revisions_of,
    save_content,
    snapshot,
)
from batayon.letters.pdf import xlsx_response
from batayon.offices.models import Office

from . import imports, notify
from .editors import EDITORS, MENU_KEYS, Editor
from .forms import ImportUploadForm, TransferForm

STALE_MESSAGE = gettext_lazy(
    "আপনি ফর্মটি খোলার পর অন্য কেউ এই তথ্য পরিবর্তন করে সংরক্ষণ করেছেন, তাই আপনার পরিবর্তন সংরক্ষণ করা হয়নি। "
    "আপনার লেখা নিচের ফর্মে রাখা আছে। অন্যজনের পরিবর্তন দেখে নিন; তারপর আবার সংরক্ষণ করলে আপনার লেখাই থাকবে।"
)


def _lang() -> str:
    return (get_language() or "bn")[:2]


def _editor(section: str) -> Editor:
    try:
        return EDITORS[section]
    except KeyError:
        raise Http404 from None


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    office = getattr(request, "office", None)
    ctx = {"lang": _lang(), "office": office, "editors": [EDITORS[k] for k in MENU_KEYS]}
    if office is not None:
        ctx["can_edit"] = can(request.user, "edit", office)
        ctx["can_approve"] = can(request.user, "approve", office)
    ctx.update(extra)
    return ctx


def _section_url(office: Office, key: str) -> str:
    return reverse("workspace:list", args=[office.domain, key])


def _opened_version(request: HttpRequest) -> int | None:
    try:
        return int(to_latin_digits(request.POST.get("_version", "")))
    except ValueError:
        return None


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _mail_after_commit(request: HttpRequest, notice: Notice, results: list[notify.SendResult]) -> None:
    """Queue the notice's e-mail for after the commit; the outcome is shown to the editor."""
    if not notify.distribution_list(notice.office.notice_emails):
        return
    if notify.mail_when_live(notice):
        messages.info(request, _("নোটিশটি %(day)s তারিখে পোর্টালে আসবে; সেদিনই ই-মেইলে পাঠানো হবে।")
                      % {"day": day(notice.publish_date)})
        return
    base = _base_url(request)
    transaction.on_commit(lambda: results.append(notify.send_notice(notice, base, request.user, request)))


def _report_mail(request: HttpRequest, results: list[notify.SendResult]) -> None:
    for r in results:
        if r.ok:
            messages.info(
                request,
                ngettext(
                    "নোটিশটি একটি ঠিকানায় ই-মেইলে পাঠানো হয়েছে।",
                    "নোটিশটি %(count)sটি ঠিকানায় ই-মেইলে পাঠানো হয়েছে।",
                    len(r.recipients),
                )
                % {"count": num(len(r.recipients))},
            )
        else:
            messages.warning(
                request,
                _(
                    "নোটিশটি প্রকাশিত হয়েছে, কিন্তু ই-মেইলে পাঠানো যায়নি (মেইল সার্ভারের সমস্যা)। "
                    "নোটিশ হারায়নি; পরে আবার প্রকাশ/হালনাগাদ করলে আবার পাঠানো হবে।"
                ),
            )


# ----- home and an office's page ---------------------------------------------------------


@signed_in_required
def home(request: HttpRequest) -> HttpResponse:
    offices = list(editable_offices(request.user).order_by("name_bn"))
    rows = [(o, compliance.office_score(o)) for o in offices]
    is_supervisor = can(request.user, "view_dashboard")
    if len(offices) == 1 and not is_supervisor and request.GET.get("all") is None:
        return redirect("workspace:office", offices[0].domain)
    goto = request.GET.get("office", "").strip().lower()
    if goto:
        return redirect("workspace:office", goto)
    return render(request, "workspace/home.html", _ctx(request, rows=rows, is_supervisor=is_supervisor))


@office_permission_required("view")
def office_page(request: OfficeRequest) -> HttpResponse:
    office = request.office
    items = compliance.checklist(office)
    score = compliance.office_score(office)
    pending = []
    if can(request.user, "approve", office):
        for key in MENU_KEYS:
            editor = EDITORS[key]
            pending += [(editor, obj) for obj in editor.queryset(office).filter(state=PublishState.PENDING)]
    counts = {key: EDITORS[key].queryset(office).count() for key in MENU_KEYS}
    sections = [(EDITORS[k], counts[k]) for k in MENU_KEYS]
    return render(
        request, "workspace/office.html",
        _ctx(request, items=items, score=score, sections=sections, pending=pending,
             can_confirm=can(request.user, "confirm", office)),
    )


@office_permission_required("view_drafts")
def audit_log(request: OfficeRequest) -> HttpResponse:
    entries = AuditEntry.objects.filter(office=request.office).select_related("content_type")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "workspace/audit_log.html", _ctx(request, page=page))


# ----- lists ------------------------------------------------------------------------------


def _last_confirmed(office: Office, section: str) -> AuditEntry | None:
    return (
        AuditEntry.objects.filter(office=office, action=AuditEntry.Action.CONFIRM, changes__section=section)
        .order_by("-at").first()
    )


@office_permission_required("view_drafts")
def section_list(request: OfficeRequest, section: str) -> HttpResponse:
    editor = _editor(section)
    if editor.section != editor.key:  # charter rows live on the charter's page
        return redirect(_section_url(request.office, editor.section))
    office = request.office
    ctx = _ctx(
        request, editor=editor, section=section,
        can_edit_here=can(request.user, "edit", office, section),
        can_confirm=can(request.user, "confirm", office) and editor.section in compliance.confirmable_sections(),
        can_import=editor.importable and can(request.user, "import", office),
        last_confirmed=_last_confirmed(office, editor.section),
    )
    template = "workspace/list.html"
    if editor.model is Officer:
        objects = editor.queryset(office).select_related("successor")
        today = timezone.localdate()
        ctx["current"] = [o for o in objects if o.left_on is None or o.left_on > today]
        ctx["former"] = [o for o in objects if not (o.left_on is None or o.left_on > today)]
        template = "workspace/officers.html"
    elif editor.key == "charter":
        ctx.update(_charter_context(request, office))
        template = "workspace/charter.html"
    elif editor.model is DesignatedOfficer:
        by_role = {d.role: d for d in editor.queryset(office).select_related("officer")}
        ctx["slots"] = [
            (role, DesignatedOfficer.ROLE_LABELS[(section, role)], by_role.get(role))
            for role in DesignatedOfficer.Role.values
        ]
        template = "workspace/designated.html"
    else:
        ctx["objects"] = list(editor.queryset(office))
        if editor.model is Notice:
            _mark_mail_failures(office, ctx["objects"])
    return render(request, template, ctx)


def _mark_mail_failures(office: Office, notices: list[Notice]) -> None:
    """Flag notices whose last e-mail attempt failed, so the editor sees it on the list."""
    last: dict[int | None, bool] = {}
    for object_id, changes in (
        AuditEntry.objects.filter(office=office, action=AuditEntry.Action.EMAIL, object_id__in=[n.pk for n in notices])
        .order_by("at", "id").values_list("object_id", "changes")
    ):
        last[object_id] = bool(changes.get("ok"))
    for n in notices:
        n.mail_failed = last.get(n.pk) is False  # type: ignore[attr-defined]  # shown by the template


def _charter_context(request: HttpRequest, office: Office) -> dict[str, Any]:
    steps = EDITORS["charter-steps"]
    expectations = EDITORS["charter-expectations"]
    step_rows = [
        (obj, steps.form(instance=obj, office=office, prefix=f"s{obj.pk}"))
        for obj in steps.queryset(office).select_related("contact_officer")
    ]
    next_step = (step_rows[-1][0].step + 1) if step_rows else 1
    exp_rows = [(obj, expectations.form(instance=obj, office=office, prefix=f"e{obj.pk}"))
                for obj in expectations.queryset(office)]
    next_exp = (exp_rows[-1][0].step + 1) if exp_rows else 1
    return {
        "charter": EDITORS["charter"].queryset(office).first(),
        "services": Service.objects.filter(office=office).select_related("responsible_officer"),
        "step_rows": step_rows,
        "new_step": steps.form(office=office, prefix="snew", initial={"step": next_step},
                               instance=steps.new_instance(office)),
        "exp_rows": exp_rows,
        "new_exp": expectations.form(office=office, prefix="enew", initial={"step": next_exp},
                                     instance=expectations.new_instance(office)),
    }


# ----- the form of one record ------------------------------------------------------------


def _publishable(request: HttpRequest, office: Office, section: str) -> bool:
    """May this user's save go live at once (else it waits for the head's approval)?"""
    if can(request.user, "publish", office):
        return True
    return not office.requires_approval and can(request.user, "edit", office, section)


def _target_state(request: HttpRequest, office: Office, section: str) -> str:
    if request.POST.get("intent") == "draft":
        return PublishState.DRAFT
    return PublishState.PUBLISHED if _publishable(request, office, section) else PublishState.PENDING


def _action_for(created: bool, old_state: str | None, new_state: str) -> str:
    if created:
        return AuditEntry.Action.CREATE
    if old_state != new_state and new_state == PublishState.PUBLISHED:
        return AuditEntry.Action.PUBLISH
    if old_state != new_state and new_state == PublishState.PENDING:
        return AuditEntry.Action.SUBMIT
    return AuditEntry.Action.UPDATE


def _others_changes(obj: Any, opened: int | None) -> list[Any]:
    """What someone else changed since the version this user's form was opened with."""
    if opened is None:
        return []
    base = revisions_of(obj).filter(version=opened).first()
    current = type(obj)._default_manager.get(pk=obj.pk)
    return field_changes(type(obj), base.data if base else None, snapshot(current))


@office_permission_required("edit")
def item_edit(request: OfficeRequest, section: str, pk: int | None = None) -> HttpResponse:
    editor = _editor(section)
    office = request.office
    qs = editor.queryset(office)
    if pk is not None:
        instance = get_object_or_404(qs, pk=pk)
    elif editor.singleton and (first := qs.first()) is not None:
        return redirect("workspace:edit", office.domain, section, first.pk)
    else:
        instance = editor.new_instance(office)
    prefix = request.POST.get("_prefix") or None if request.method == "POST" else None
    initial = {}
    if pk is None and editor.model is DesignatedOfficer and request.GET.get("role"):
        initial["role"] = request.GET["role"]
    status = 200
    others: list[Any] = []
    stale = False
    version = instance.version if instance.pk else None
    if request.method == "POST":
        old_state = instance.state if instance.pk else None
        opened = _opened_version(request)
        form = editor.form(request.POST, request.FILES, instance=instance, office=office, prefix=prefix,
                           **editor.form_kwargs)
        if instance.pk and opened is not None and opened != instance.version:
            stale = True
        elif form.is_valid():
            obj = form.save(commit=False)
            obj.state = _target_state(request, office, editor.section)
            mail: list[notify.SendResult] = []
            try:
                with transaction.atomic():
                    save_content(obj, request.user, request, expected_version=opened if instance.pk else None,
                                 action=_action_for(old_state is None, old_state, obj.state))
                    form.save_m2m()
                    if isinstance(obj, Notice) and obj.state == PublishState.PUBLISHED and old_state != obj.state:
                        _mail_after_commit(request, obj, mail)
            except StaleEdit:
                stale = True
            else:
                _report_mail(request, mail)
                if obj.state == PublishState.PENDING:
                    messages.success(request, _("সংরক্ষণ হয়েছে; দপ্তর প্রধানের অনুমোদনের পর প্রকাশিত হবে।"))
                elif obj.state == PublishState.DRAFT:
                    messages.success(request, _("খসড়া হিসেবে সংরক্ষণ হয়েছে; পোর্টালে দেখানো হবে না।"))
                else:
                    messages.success(request, _("সংরক্ষণ ও প্রকাশ করা হয়েছে।"))
                return redirect(_section_url(office, editor.section))
        if stale:
            status = 409
            current = type(instance)._default_manager.get(pk=instance.pk)
            others = _others_changes(current, opened)
            version = current.version  # a second save, after reading the warning, is deliberate
            messages.error(request, STALE_MESSAGE)
        else:
            status = 400
    else:
        form = editor.form(instance=instance, office=office, initial=initial, **editor.form_kwargs)
    return TemplateResponse(
        request, "workspace/form.html",
        _ctx(request, editor=editor, section=section, form=form, obj=instance if instance.pk else None,
             version=version, others=others, stale=stale,
             publishable=_publishable(request, office, editor.section)),
        status=status,
    )


@office_permission_required("edit")
def item_delete(request: OfficeRequest, section: str, pk: int) -> HttpResponse:
    editor = _editor(section)
    obj = get_object_or_404(editor.queryset(request.office), pk=pk)
    if request.method == "POST":
        delete_content(obj, request.user, request)
        messages.success(request, _("মুছে ফেলা হয়েছে। নিরীক্ষা লগে এর শেষ অবস্থা রাখা আছে।"))
        return redirect(_section_url(request.office, editor.section))
    return render(request, "workspace/confirm_delete.html", _ctx(request, editor=editor, obj=obj, section=section))


@office_permission_required("view_drafts")
def item_history(request: OfficeRequest, section: str, pk: int) -> HttpResponse:
    editor = _editor(section)
    obj = get_object_or_404(editor.queryset(request.office), pk=pk)
    audit = AuditEntry.objects.filter(
        content_type__model=type(obj)._meta.model_name, object_id=obj.pk, office=request.office
    )
    return render(
        request, "workspace/history.html",
        _ctx(request, editor=editor, obj=obj, section=section, history=history_with_diffs(obj), audit=audit,
             can_edit_here=can(request.user, "edit", request.office, section)),
    )


@require_POST
@office_permission_required("edit")
def item_restore(request: OfficeRequest, section: str, pk: int, revision: int) -> HttpResponse:
    editor = _editor(section)
    obj = get_object_or_404(editor.queryset(request.office), pk=pk)
    rev = get_object_or_404(revisions_of(obj), pk=revision)
    try:
        restore(obj, rev, request.user, request, expected_version=_opened_version(request))
    except StaleEdit:
        messages.error(request, _("এর মধ্যে অন্য কেউ তথ্যটি বদলেছেন; ইতিহাস আবার দেখে নিয়ে ফেরত আনুন।"))
    else:
        messages.success(
            request, _("সংস্করণ %(version)s ফেরত আনা হয়েছে (নতুন সংস্করণ হিসেবে)।") % {"version": num(rev.version)}
        )
    return redirect("workspace:history", request.office.domain, section, pk)


@require_POST
@office_permission_required("approve")
def item_approve(request: OfficeRequest, section: str, pk: int) -> HttpResponse:
    editor = _editor(section)
    obj = get_object_or_404(editor.queryset(request.office), pk=pk)
    if obj.state != PublishState.PUBLISHED:
        mail: list[notify.SendResult] = []
        with transaction.atomic():
            obj.state = PublishState.PUBLISHED
            save_content(obj, request.user, request, action=AuditEntry.Action.APPROVE)
            if isinstance(obj, Notice):
                _mail_after_commit(request, obj, mail)
        _report_mail(request, mail)
        messages.success(request, _("অনুমোদিত ও প্রকাশিত হয়েছে।"))
    next_url = request.POST.get("next", "")
    return redirect(next_url if next_url.startswith(reverse("workspace:home"))
                    else _section_url(request.office, editor.section))


@require_POST
@office_permission_required("confirm")
def section_confirm(request: OfficeRequest, section: str) -> HttpResponse:
    editor = _editor(section)
    office = request.office
    try:
        compliance.confirm_current(office, editor.section, request.user, request)
    except ValueError:
        messages.error(request, _("এই অংশের জন্য নিশ্চিতকরণ নেওয়া হয় না; তথ্য হালনাগাদ করে সংরক্ষণ করুন।"))
    else:
        messages.success(request, _("“%(section)s” হালনাগাদ আছে বলে নিশ্চিত করা হয়েছে।") % {"section": editor.title})
    target = request.POST.get("next", "")
    return HttpResponseRedirect(target if target.startswith(reverse("workspace:office", args=[office.domain])) else
                                _section_url(office, editor.section))


# ----- officers: transfer and import -----------------------------------------------------

HANDOVER_FIELDS = [
    (DesignatedOfficer, "officer"),
    (FocalPoint, "officer"),
    (Service, "responsible_officer"),
    (CharterGrievanceStep, "contact_officer"),
]


@office_permission_required("edit")
def officer_transfer(request: OfficeRequest, section: str, pk: int) -> HttpResponse:
    editor = _editor(section)
    if editor.model is not Officer:
        raise Http404
    office = request.office
    old = get_object_or_404(editor.queryset(office), pk=pk, left_on__isnull=True)
    if request.method == "POST":
        form = TransferForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            with transaction.atomic():
                new = Officer(
                    office=office, kind=old.kind, sort_order=old.sort_order,
                    name_bn=d["successor_name_bn"], name_en=d["successor_name_en"],
                    designation_bn=old.designation_bn, designation_en=old.designation_en,
                    section_name_bn=old.section_name_bn, section_name_en=old.section_name_en,
                    mobile=d["successor_mobile"], phone=old.phone, email=d["successor_email"],
                    joined_on=d["joined_on"] or d["left_on"], state=PublishState.PUBLISHED,
                )
                new.name, new.designation = new.name_bn or "", new.designation_bn or ""
                save_content(new, request.user, request, note={"successor_of": old.pk})
                old.left_on = d["left_on"]
                old.successor = new
                save_content(old, request.user, request, action=AuditEntry.Action.TRANSFER)
                moved = 0
                if d["hand_over"]:
                    for model, field in HANDOVER_FIELDS:
                        for obj in model.objects.filter(office=office, **{field: old}):
                            setattr(obj, field, new)
                            save_content(obj, request.user, request, action=AuditEntry.Action.TRANSFER,
                                         note={"from": old.pk, "to": new.pk})
                            moved += 1
            names = {"old": old.name_bn, "new": new.name_bn, "count": num(moved)}
            if moved:
                done = _("%(old)s-এর বদলি লেখা হয়েছে; %(new)s যুক্ত হয়েছেন এবং %(count)sটি দায়িত্ব তাঁকে দেওয়া হয়েছে।")
            else:
                done = _("%(old)s-এর বদলি লেখা হয়েছে; %(new)s যুক্ত হয়েছেন।")
            messages.success(request, done % names)
            return redirect(_section_url(office, section))
    else:
        form = TransferForm(initial={"left_on": timezone.localdate(), "successor_mobile": old.mobile,
                                     "successor_email": old.email, "hand_over": True})
    return render(request, "workspace/transfer.html", _ctx(request, editor=editor, section=section, form=form, obj=old))


def _import_key(office: Office, section: str) -> str:
    return f"ws-import:{office.pk}:{section}"


@office_permission_required("import")
def officer_import(request: OfficeRequest, section: str) -> HttpResponse:
    editor = _editor(section)
    if not editor.importable:
        raise Http404
    office = request.office
    key = _import_key(office, section)
    kind = editor.filters["kind"]
    result = None
    form = ImportUploadForm()
    if request.method == "POST" and request.POST.get("confirm"):
        pending = request.session.get(key)
        if not pending:
            messages.error(request, _("আগে ফাইলটি দিন ও যাচাই করুন।"))
            return redirect(request.path)
        try:
            saved = imports.save_rows(office, kind, pending["rows"], pending["filename"], request.user, request)
        except imports.ImportFileError as exc:
            messages.error(request, _("কিছুই সংরক্ষণ হয়নি: %(error)s") % {"error": exc})
            return redirect(request.path)
        del request.session[key]
        if saved.updated:
            messages.success(request, _("%(created)sটি সারি যুক্ত ও %(updated)sজনের তথ্য হালনাগাদ হয়েছে।")
                             % {"created": num(saved.created), "updated": num(saved.updated)})
        else:
            messages.success(request, _("%(count)sটি সারি যুক্ত হয়েছে।") % {"count": num(saved.created)})
        return redirect(_section_url(office, section))
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = imports.parse(upload, upload.name, office, kind)
            except imports.ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                if result.ok:
                    request.session[key] = {"filename": upload.name[:200], "rows": [r.values for r in result.rows]}
                else:
                    request.session.pop(key, None)
    headers = {c: h for c, h, _o in imports.COLUMNS}
    return render(request, "workspace/import.html",
                  _ctx(request, editor=editor, section=section, form=form, result=result, headers=headers,
                       max_rows=imports.MAX_ROWS))


@office_permission_required("import")
def import_template(request: HttpRequest, section: str) -> HttpResponse:
    editor = _editor(section)
    if not editor.importable:
        raise Http404
    return xlsx_response(imports.template_xlsx(editor.filters["kind"]), f"batayon-{section}-template.xlsx")
