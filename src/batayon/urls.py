"""URL map. Each app owns its own ``urls.py``; the public portal comes last because its
patterns (``/<lang>/…``) are the most general."""

from django.contrib import admin
from django.urls import include, path

from batayon.core.views import serve_media, set_language
from batayon.ops.health import healthz
from batayon.ops.metrics import metrics_view

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    path("media/<path:path>", serve_media, name="media"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/", include("batayon.workspace.account_urls")),
    path("workspace/", include("batayon.workspace.urls")),
    path("supervision/audit/", include("batayon.audit.urls")),
    path("supervision/", include("batayon.compliance.urls")),
    path("oversight/", include("batayon.oversight.urls")),
    path("committees/", include("batayon.committees.urls")),
    path("api/", include("batayon.api.urls")),
    path("", include("batayon.portal.urls")),
]

# Error pages in the portal's look and the visitor's language (portal/errors.py).
handler404 = "batayon.portal.errors.not_found"
handler403 = "batayon.portal.errors.forbidden"
handler500 = "batayon.portal.errors.server_error"
