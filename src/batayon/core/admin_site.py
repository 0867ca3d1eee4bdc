"""The national administrator's site (``/admin/``), titled বাতায়ন.

Who may use it is decided in ``accounts.permissions`` (``may_use_admin_site``): the ``admin``
membership role (or a superuser), active, with the second factor passed. Staff status plays
no part. The site has no sign-in form of its own: it sends people to the platform's sign-in
and second-factor pages, which are the ones with lockout and TOTP.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

# Names for the apps and models of the packages we use, which carry no Bangla of their own
# (our own apps and models name themselves: AppConfig.verbose_name, Meta.verbose_name).
OTHER_PACKAGES_NAMES = {
    "auth": (_("প্রমাণীকরণ ও অনুমতি"), {"Group": _("দল"), "User": _("ব্যবহারকারীগণ")}),
    "axes": (
        _("সাইন-ইন সুরক্ষা"),
        {
            "AccessAttempt": _("ব্যর্থ সাইন-ইনের চেষ্টা"),
            "AccessFailureLog": _("ব্যর্থ সাইন-ইনের লগ"),
            "AccessLog": _("সাইন-ইনের লগ"),
        },
    ),
    "otp_totp": (_("দ্বিতীয় ধাপের যাচাই"), {"TOTPDevice": _("অথেনটিকেটর অ্যাপ (TOTP)")}),
    "django_tasks_database": (_("পটভূমির কাজ"), {"DBTaskResult": _("পটভূমির কাজের ফল")}),
}


class BatayonAdminSite(admin.AdminSite):
    site_header = _("বাতায়ন")
    site_title = _("বাতায়ন")
    index_title = _("জাতীয় প্রশাসন")

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict[str, Any]]:
        """The index and the sidebar, with the other packages' apps and models named in Bangla."""
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            if (names := OTHER_PACKAGES_NAMES.get(app["app_label"])) is None:
                continue
            app["name"], models = names
            for model in app["models"]:
                model["name"] = models.get(model["object_name"], model["name"])
        app_list.sort(key=lambda app: str(app["name"]))
        return app_list

    def has_permission(self, request: HttpRequest) -> bool:
        from batayon.accounts.permissions import may_use_admin_site

        return may_use_admin_site(request)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # Imported here: this module is loaded with the app registry, before any model.
        from django.contrib.auth.views import redirect_to_login

        from batayon.accounts.permissions import may_use_admin_site, second_factor_redirect

        target = request.GET.get("next") or reverse("admin:index")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = reverse("admin:index")
        if not request.user.is_authenticated:
            return redirect_to_login(target)
        if (owed := second_factor_redirect(request)) is not None:
            return owed
        if not may_use_admin_site(request):
            raise PermissionDenied
        return redirect(target)


class BatayonAdminConfig(AdminConfig):
    default_site = "batayon.core.admin_site.BatayonAdminSite"
