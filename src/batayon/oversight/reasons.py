"""How oversight words a compliance status for its readers.

The compliance engine stores its reasons; this module is the one seam through which
directives and reminders read them, so the engine's wording can change in one place."""

from __future__ import annotations

from django.utils import translation

from batayon.compliance.models import CheckStatus, Status

# Statuses that mean "this item is not done" (ok, due soon and not applicable are done).
FAILING = frozenset({Status.MISSING, Status.STALE, Status.UNTRANSLATED, Status.BROKEN})


def status_label(status: str, lang: str) -> str:
    with translation.override(lang):
        return str(Status(status).label)


def reason_text(check: CheckStatus, lang: str) -> str:
    """The reason of one status, in the reader's language."""
    text = check.reason_en if lang == "en" else check.reason_bn
    return text or status_label(check.status, lang)
