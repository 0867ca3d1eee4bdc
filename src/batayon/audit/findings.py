"""Words for the audit's findings, rendered late from their codes and parameters (gettext)."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from batayon.bangla.digits import to_bangla_digits


def _n(value: int) -> str:
    return to_bangla_digits(value) if (get_language() or "bn").startswith("bn") else str(value)


def describe(finding: dict) -> str:
    code, p = finding.get("code", ""), finding.get("params", {})
    count = len(p.get("pages", p.get("urls", [])))
    if code == "defaced":
        return _("সম্ভাব্য হ্যাকিং: হোম পেজে “%(text)s”") % {"text": p.get("text", "")}
    if code == "home_replaced":
        return _("হোম পেজ বদলে গেছে: আগের মেনুর আবশ্যিক অংশগুলো আর নেই (আগে %(n)s)") % {
            "n": _n(p.get("sections", 0))
        }
    if code == "no_https":
        return _("পোর্টাল HTTPS-এ চলে না")
    if code == "no_hsts":
        return _("HSTS হেডার নেই")
    if code == "cert_expiring":
        return _("সার্টিফিকেটের মেয়াদ শেষ হতে বাকি (দিন): %(n)s") % {"n": _n(p.get("days", 0))}
    if code == "cert_expired":
        return _("সার্টিফিকেটের মেয়াদ শেষ")
    if code == "missing_headers":
        return _("নিরাপত্তা হেডার নেই: %(headers)s") % {"headers": ", ".join(p.get("headers", []))}
    if code == "no_english":
        return _("ইংরেজি সংস্করণ নেই")
    if code == "no_bangla":
        return _("বাংলা সংস্করণ নেই")
    if code == "missing_sections":
        return _("মেনুতে পাওয়া যায়নি: %(sections)s") % {"sections": ", ".join(p.get("sections", []))}
    if code == "robots_forbidden":
        return _("robots.txt যে পাতাগুলো দেখতে নিষেধ করেছে: %(n)s") % {"n": _n(count)}
    if code == "slow_pages":
        return _("ধীরে খোলে এমন পাতা: %(n)s") % {"n": _n(count)}
    if code == "redirects":
        return _("অন্য ঠিকানায় যায় এমন পাতা: %(n)s") % {"n": _n(count)}
    if code == "broken_pages":
        return _("খোলে না এমন পাতা: %(n)s") % {"n": _n(count)}
    if code == "capped":
        return _("পাতার সীমায় পৌঁছে নিরীক্ষা থেমেছে (পাতা: %(n)s)") % {"n": _n(p.get("pages", 0))}
    return code


def urls(finding: dict) -> list[str]:
    """The addresses a finding is about (its evidence)."""
    p = finding.get("params", {})
    out = list(p.get("urls", []))
    out += [x.get("url", "") for x in p.get("pages", []) if isinstance(x, dict)]
    return [u for u in out if u][:20]
