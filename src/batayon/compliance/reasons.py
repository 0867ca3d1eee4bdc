"""Reasons are stored as facts (a code and a few params) and worded here, at the edge.

A check's result is ``(status, code, params)``: ``code`` a short stable key (``count.none``,
``fields.blank``, ``freshness.stale``…), ``params`` small JSON facts that do not depend on
"now" (counts, the source key, ISO dates, a fiscal year and quarter). ``reason_text`` turns
them into a sentence in the ACTIVE language: msgids are Bangla (gettext/ngettext), numbers
are Bangla digits on Bangla output, dates come from ``batayon.bangla.dates`` and ages
("শেষ নোটিশ ৯৫ দিন আগে") are computed here from the stored date and ``now`` — so a nightly
run never rewrites a row only because "94 days" became "95 days".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext, pgettext

from batayon.bangla.dates import format_date_bn, format_date_en
from batayon.bangla.digits import to_bangla_digits

from .sources import FIELD_LABELS, SECTION_SOURCE, SOURCES

QUARTER_BN = {1: "১ম", 2: "২য়", 3: "৩য়", 4: "৪র্থ"}


def _bangla() -> bool:
    return (translation.get_language() or "bn").startswith("bn")


def _num(n) -> str:
    """A number (or a fiscal year "2025-26") in the digits of the active language."""
    return to_bangla_digits(n) if _bangla() else str(n)


def _date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return format_date_bn(day) if _bangla() else format_date_en(day)


def _today(now: dt.datetime | dt.date | None) -> dt.date:
    if now is None:
        return timezone.localdate()
    if isinstance(now, dt.datetime):
        return timezone.localdate(now)
    return now


class _Words(dict):
    """The words of a source for one sentence: its noun for a count, the Bangla counter."""

    def __init__(self, params: dict, n: int = 1, **extra):
        source = SOURCES.get(params.get("source", ""))
        super().__init__(**extra)
        if source is not None:
            self["noun"] = source.noun_for(n)
            self["nouns"] = source.noun_for(2)
            self["possessive"] = source.possessive_bn
            self["_source"] = source

    def count(self, n: int) -> str:
        """ "৪ জন" / "৪টি" in Bangla (the source's counter), "4" in English."""
        source = self.get("_source")
        if not _bangla() or source is None:
            return str(n)
        return source.count_bn(n)


def _none(code, p, today):
    return gettext("কোনো %(nouns)s নেই") % _Words(p)


def _count_ok(code, p, today):
    n = p["n"]
    w = _Words(p, n)
    return gettext("%(count)s %(noun)s আছে") % {**w, "count": w.count(n), "n": _num(n)}


def _count_too_few(code, p, today):
    n, need = p["n"], p["min"]
    w = _Words(p, n)
    return gettext("%(count)s %(noun)s আছে, অন্তত %(min_count)s দরকার") % {
        **w,
        "count": w.count(n),
        "n": _num(n),
        "min_count": w.count(need),
        "min": _num(need),
    }


def _fields_ok(code, p, today):
    return gettext("সব %(possessive)s তথ্য পূর্ণ") % _Words(p)


def _fields_blank(code, p, today):
    parts = []
    for name, k in p["blank"]:
        w = _Words(p, k)
        label = FIELD_LABELS.get(name, name)
        parts.append(
            ngettext(
                "%(count)s %(possessive)s %(field)s নেই",
                "%(count)s %(possessive)s %(field)s নেই",
                k,
            )
            % {**w, "count": w.count(k), "n": _num(k), "field": label}
        )
    return "; ".join(parts)


def _freshness(code, p, today):
    last = dt.date.fromisoformat(p["last"])
    age = max((today - last).days, 0)
    if p.get("via") == "confirmation":
        what = pgettext("reason", "নিশ্চিতকরণ")
    else:
        what = _Words(p)["noun"]
    if age == 0:
        text = gettext("শেষ %(what)s আজ") % {"what": what}
    else:
        text = ngettext("শেষ %(what)s %(n)s দিন আগে", "শেষ %(what)s %(n)s দিন আগে", age) % {
            "what": what,
            "n": _num(age),
        }
    limit = p["max"]
    if code == "freshness.stale":
        text += ngettext("; সীমা %(n)s দিন", "; সীমা %(n)s দিন", limit) % {"n": _num(limit)}
    elif code == "freshness.due_soon":
        left = max(limit - age, 0)
        text += ngettext("; %(n)s দিনের মধ্যে হালনাগাদ করুন", "; %(n)s দিনের মধ্যে হালনাগাদ করুন", left) % {
            "n": _num(left)
        }
    return text


def _freshness_none(code, p, today):
    return gettext("এখনো কিছু দেওয়া হয়নি")


def _fy_words(p, **extra) -> dict:
    w = _Words(p, 1, **extra)
    if "fy" in p:
        w["fy"] = _num(p["fy"])
    if "q" in p:
        w["q"] = QUARTER_BN[p["q"]] if _bangla() else str(p["q"])
    if "due" in p:
        w["date"] = _date(p["due"])
    if "latest" in p:
        w["latest"] = _num(p["latest"])
    return w


def _fiscal_year(code, p, today):
    w = _fy_words(p)
    if code == "fiscal_year.ok":
        return gettext("%(fy)s অর্থবছরের %(noun)s আছে") % w
    if code == "fiscal_year.due_soon":
        return gettext("%(fy)s অর্থবছরের %(noun)s %(date)s-এর মধ্যে দিতে হবে") % w
    if code == "fiscal_year.missing_current":
        return gettext("%(fy)s অর্থবছরের %(noun)s নেই; সর্বশেষ %(latest)s") % w
    return gettext("কোনো অর্থবছরের %(noun)s নেই") % w


def _quarterly(code, p, today):
    w = _fy_words(p)
    if code == "quarterly.ok":
        return gettext("%(fy)s অর্থবছরের %(q)s প্রান্তিকের %(noun)s আছে") % w
    if code == "quarterly.due_soon":
        return gettext("%(fy)s অর্থবছরের %(q)s প্রান্তিকের %(noun)s %(date)s-এর মধ্যে দিতে হবে") % w
    if code == "quarterly.overdue":
        return gettext("%(fy)s অর্থবছরের %(q)s প্রান্তিকের %(noun)s %(date)s-এর মধ্যে দেওয়ার কথা ছিল") % w
    return gettext("কোনো প্রান্তিকের %(nouns)s নেই") % w


def _bilingual_ok(code, p, today):
    return gettext("সব %(noun)s বাংলা ও ইংরেজিতে আছে") % _Words(p)


def _bilingual_untranslated(code, p, today):
    n, k = p["n"], p["k"]
    w = _Words(p, n)
    return ngettext(
        "%(count)s %(possessive)s মধ্যে %(k_count)s এক ভাষায় নেই",
        "%(count)s %(possessive)s মধ্যে %(k_count)s এক ভাষায় নেই",
        k,
    ) % {**w, "count": w.count(n), "n": _num(n), "k_count": w.count(k), "k": _num(k)}


def _links_none(code, p, today):
    return gettext("সেবা বক্সে কোনো লিংক নেই")


def _links_broken(code, p, today):
    text = gettext("%(n)sটি লিংকের মধ্যে %(k)sটি কাজ করছে না") % {"n": _num(p["n"]), "k": _num(p["k"])}
    unchecked = p.get("unchecked", 0)
    if unchecked:
        text += gettext("; %(k)sটি এখনো যাচাই হয়নি") % {"k": _num(unchecked)}
    return text


def _links_unchecked(code, p, today):
    return gettext("%(n)sটি লিংকের মধ্যে %(k)sটি এখনো যাচাই হয়নি") % {"n": _num(p["n"]), "k": _num(p["k"])}


def _links_ok(code, p, today):
    # Rows written before "unchecked" became its own state still carry the count.
    unchecked = p.get("unchecked", 0)
    if unchecked:
        return gettext("%(k)sটি লিংক এখনো যাচাই হয়নি") % {"k": _num(unchecked)}
    text = gettext("সব লিংক কাজ করছে")
    blocked = p.get("blocked", 0)
    if blocked:
        text += gettext(" (%(n)sটি বট-সুরক্ষায় আটকে গেছে, পরে আবার দেখা হবে)") % {"n": _num(blocked)}
    return text


def _audit_unobservable(code, p, today):
    return gettext("বাইরে থেকে যাচাই করা যায় না")


def _menu_missing(code, p, today):
    return gettext("আদর্শ মেনু নেই")


def _menu_ok(code, p, today):
    return gettext("মেনুর সব পাতায় তথ্য আছে")


def _menu_empty(code, p, today):
    if "items" in p:
        from batayon.content.menus import menu_item_titles

        titles = menu_item_titles()
        bangla = _bangla()
        names = [
            (titles[k][0] if bangla else titles[k][1] or titles[k][0]) if k in titles else k for k in p["items"]
        ]
    else:  # a row written before the rule checked every menu item: section keys
        names = [
            str(SOURCES[SECTION_SOURCE[s]].noun_for(1 if _bangla() else 2)) for s in p["sections"] if s in SECTION_SOURCE
        ]
    n = len(names)
    return ngettext(
        "মেনুর %(n)sটি পাতা ফাঁকা বা নেই: %(names)s", "মেনুর %(n)sটি পাতা ফাঁকা বা নেই: %(names)s", n
    ) % {"n": _num(n), "names": ", ".join(names)}


RENDERERS: dict[str, Callable[[str, dict, dt.date], str]] = {
    "count.ok": _count_ok,
    "count.none": _none,
    "count.too_few": _count_too_few,
    "fields.none": _none,
    "fields.ok": _fields_ok,
    "fields.blank": _fields_blank,
    "freshness.none": _freshness_none,
    "freshness.ok": _freshness,
    "freshness.due_soon": _freshness,
    "freshness.stale": _freshness,
    "fiscal_year.ok": _fiscal_year,
    "fiscal_year.due_soon": _fiscal_year,
    "fiscal_year.missing_current": _fiscal_year,
    "fiscal_year.none": _fiscal_year,
    "quarterly.ok": _quarterly,
    "quarterly.due_soon": _quarterly,
    "quarterly.overdue": _quarterly,
    "quarterly.none": _quarterly,
    "bilingual.none": _none,
    "bilingual.ok": _bilingual_ok,
    "bilingual.untranslated": _bilingual_untranslated,
    "links.none": _links_none,
    "links.broken": _links_broken,
    "links.ok": _links_ok,
    "links.unchecked": _links_unchecked,
    "audit.unobservable": _audit_unobservable,
    "menu.missing": _menu_missing,
    "menu.ok": _menu_ok,
    "menu.empty": _menu_empty,
}


def reason_text(code: str, params: dict | None, now: dt.datetime | dt.date | None = None) -> str:
    """The reason in the active language; ages are counted to ``now`` (default: today in Dhaka).

    An unknown code (a row written by an older release, not yet re-evaluated) renders empty.
    """
    render = RENDERERS.get(code)
    if render is None:
        return ""
    try:
        return render(code, params or {}, _today(now))
    except (KeyError, TypeError, ValueError):
        return ""
