"""How oversight words a compliance status for its readers.

The compliance engine stores its reasons; this module is the one seam through which
directives and reminders read them, so the engine's wording can change in one place."""

from __future__ import annotations

from batayon.compliance.models import STATUS_BN, STATUS_EN, CheckStatus

# Statuses that mean "this item is not done" (ok, due soon and not applicable are done).
FAILING = frozenset({"missing", "stale", "untranslated", "broken"})


def is_failing(status: str) -> bool:
    return status in FAILING


def status_label(status: str, lang: str) -> str:
    return (STATUS_EN if lang == "en" else STATUS_BN).get(status, status)


def reason_text(check: CheckStatus, lang: str) -> str:
    """The reason of one status, in the reader's language."""
    text = check.reason_en if lang == "en" else check.reason_bn
    return text or status_label(check.status, lang)
