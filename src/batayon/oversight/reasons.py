"""How oversight words a compliance status for its readers: the compliance app's renderer
(``CheckStatus.reason_text``, facts worded at the edge) in the reader's language."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from batayon.compliance.models import CheckStatus, Status

# Statuses that mean "this item is not done": the compliance app's one definition.
FAILING = frozenset(Status.failing())


def status_label(status: str, lang: str) -> str:
    with translation.override(lang):
        return str(Status(status).label)


def reason_text(check: CheckStatus, lang: str, now: dt.datetime | dt.date | None = None) -> str:
    """The reason of one status, in the reader's language."""
    with translation.override(lang):
        text = check.reason_text(now)
    return text or status_label(check.status, lang)
