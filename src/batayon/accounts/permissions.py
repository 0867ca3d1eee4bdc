"""Every permission decision of the platform, in one place (R-7.1).

Views never test roles themselves: they call ``can()`` or use one of the decorators below,
which also mark the view so that a test can prove no view of the workspace, the supervision
pages or the write API was added without a check.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404

from batayon.core.http import OfficeRequest
from batayon.offices.models import Office

from .models import Membership, Role

# Actions an office's own people can take on it.
EDITOR_ACTIONS = {"view", "view_drafts", "edit", "confirm", "import", "acknowledge", "report"}
HEAD_ACTIONS = EDITOR_ACTIONS | {"publish", "approve", "manage_users"}
# What a supervisor may do on offices under them. Editing their content is limited to the
# sections the rulebook marks as supervisor-editable (see ``supervisor_editable``).
# ``verify``: confirm a directive's unmeasurable item or waive an item for an office under them
# (the directive views also require ``issue_directive`` on the issuing office: a supervisor
# above the issuer follows its directives read-only, through ``view_dashboard``).
SUPERVISOR_ACTIONS = {"view", "view_drafts", "view_dashboard", "remind", "verify"}
# Issuing a directive: the supervisors of a supervising office (not of the offices below it).
DIRECTIVE_ISSUING_TIERS = {"ministry", "agency", "division", "district", "upazila"}
ACTIONS = HEAD_ACTIONS | SUPERVISOR_ACTIONS | {"edit_rulebook", "issue_directive"}



def supervisor_editable_sections() -> set[str]:
    """Sections a supervisor may edit for an office under them (e.g. a DC office's programmer
    fixing a union's dead service-box link): the sections of the active rules the rulebook
    marks ``supervisor_editable``, so the rulebook alone decides.

    Accounts sits below compliance and never imports it: the ``Rule`` model is looked up with
    ``django.apps.apps.get_model`` inside this function. Not cached (a rulebook edit in the
    admin applies at once): one small query, made only when a supervisor asks to edit.
    """
    rule = apps.get_model("compliance", "Rule")
    return set(rule.objects.filter(active=True, supervisor_editable=True).values_list("section", flat=True))


def is_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.ADMIN).exists()


def may_use_admin_site(request: HttpRequest) -> bool:
    """The national administrator's site (``/admin/``, the rulebook editor): the admin role
    (``is_admin``), an active account, and the second factor passed. Staff status plays no part."""
    user = request.user
    return bool(
        user.is_active and is_admin(user) and getattr(user, "is_verified", lambda: False)()
    )


class AdminRoleBackend(BaseBackend):
    """Django's model permissions (the admin's view/add/change) come from the same rule:
    whoever ``is_admin`` has them, nobody else gets any from here. Authenticates no one."""

    def _admin(self, user_obj: Any) -> bool:
        cached = getattr(user_obj, "_batayon_is_admin", None)
        if cached is None:
            cached = bool(getattr(user_obj, "is_active", False) and is_admin(user_obj))
            user_obj._batayon_is_admin = cached
        return cached

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return self._admin(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return self._admin(user_obj)


def _memberships(user: Any) -> list[Membership]:
    """The user's memberships, cached on the user object for the request."""
    cached = getattr(user, "_batayon_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("office"))
        user._batayon_memberships = cached
    return cached


def supervised_offices(user: Any) -> QuerySet[Office]:
    """Every office the user supervises (for admins, all), as one query."""
    if not getattr(user, "is_authenticated", False):
        return Office.objects.none()
    if is_admin(user):
        return Office.objects.all()
    condition = Q(pk__in=[])
    for m in _memberships(user):
        if m.role == Role.SUPERVISOR:
            condition |= m.office.supervision_q()
    return Office.objects.filter(condition)


def editable_offices(user: Any) -> QuerySet[Office]:
    """Offices whose own content the user edits (as editor or head)."""
    if not getattr(user, "is_authenticated", False):
        return Office.objects.none()
    ids = [m.office_id for m in _memberships(user) if m.role in {Role.EDITOR, Role.HEAD}]
    return Office.objects.filter(pk__in=ids)


def can(user: Any, action: str, office: Office | None = None, section: str | None = None) -> bool:
    """May ``user`` take ``action`` on ``office`` (optionally on one section of its content)?"""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return False
    if is_admin(user):
        return True
    if office is None:
        # Actions without an office: dashboards need at least one supervised subtree.
        return action == "view_dashboard" and any(m.role == Role.SUPERVISOR for m in _memberships(user))
    if action == "issue_directive":
        return office.tier in DIRECTIVE_ISSUING_TIERS and any(
            m.role == Role.SUPERVISOR and m.office_id == office.pk for m in _memberships(user)
        )
    for m in _memberships(user):
        if m.office_id != office.pk:
            continue
        if m.role == Role.HEAD and action in HEAD_ACTIONS:
            return True
        if m.role == Role.EDITOR and action in EDITOR_ACTIONS:
            return True
        if m.role == Role.EDITOR and action == "publish" and not office.requires_approval:
            return True
    if action in SUPERVISOR_ACTIONS or (action == "edit" and section and section in supervisor_editable_sections()):
        return supervised_offices(user).filter(pk=office.pk).exists()
    return False


def needs_second_factor(user: Any) -> bool:
    """Supervisors and administrators must sign in with a TOTP token as well (R-7.1)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or any(m.role in {Role.SUPERVISOR, Role.ADMIN} for m in _memberships(user))


def second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    """Where to send a signed-in user who still owes a second factor (None if nothing owed).

    Only session sign-ins owe it: an API client authenticated some other way (a token) is
    not sent to a web page it cannot use."""
    session = getattr(request, "session", None)
    if session is None or not session.get("_auth_user_id"):
        return None
    if needs_second_factor(request.user) and not getattr(request.user, "is_verified", lambda: False)():
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode

        return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.get_full_path()})}")
    return None


def _sign_in_gate(request: HttpRequest, second_factor: bool = True) -> HttpResponse | None:
    """Where a request must go before any permission is weighed: the login page for
    anonymous users, the second-factor page for supervisors and admins who have not passed it."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    return second_factor_redirect(request) if second_factor else None


def office_permission_required(action: str) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """For views with a ``domain`` URL argument: resolve the office, check, set ``request.office``.

    Anonymous users go to the login page; signed-in users without the right get 403, and the
    view never learns whether the office exists beyond that.
    """

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: OfficeRequest, *args: Any, domain: str, **kwargs: Any) -> HttpResponseBase:
            if (refused := _sign_in_gate(request)) is not None:
                return refused
            office = get_object_or_404(Office, domain=domain)
            if not can(request.user, action, office, kwargs.get("section")):
                raise PermissionDenied
            request.office = office
            return view(request, *args, **kwargs)

        wrapper.permission_action = action  # type: ignore[attr-defined]  # read by the URL-walk test
        return wrapper

    return decorator


def permission_required(action: str) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """For views that are not about one office (dashboards, national tools)."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if (refused := _sign_in_gate(request)) is not None:
                return refused
            if not can(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.permission_action = action  # type: ignore[attr-defined]  # read by the URL-walk test
        return wrapper

    return decorator


def signed_in_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """For pages any signed-in user may open whose content is scoped by the user's own rights
    (the workspace home lists ``editable_offices(user)`` and nothing else). Applies the
    second-factor gate like the other decorators."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if (refused := _sign_in_gate(request)) is not None:
            return refused
        return view(request, *args, **kwargs)

    wrapper.permission_action = "signed_in"  # type: ignore[attr-defined]  # read by the URL-walk test
    return wrapper


def password_only(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """For the second-factor pages themselves: a password sign-in is enough to reach them."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if (refused := _sign_in_gate(request, second_factor=False)) is not None:
            return refused
        return view(request, *args, **kwargs)

    wrapper.permission_action = "password_only"  # type: ignore[attr-defined]  # read by the URL-walk test
    return wrapper


_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


def public_view(view: _View) -> _View:
    """Mark a view under a protected prefix as deliberately open (login page, public reports)."""
    view.permission_action = "public"  # type: ignore[attr-defined]  # read by the URL-walk test
    return view
