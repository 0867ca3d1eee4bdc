"""What the auditor reads from a page (pure functions over HTML, selectolax).

Every finding keeps its evidence: the exact link text or address matched, the date string
read, the URL it was found on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from batayon.bangla.phone import InvalidPhone, normalise_phone
from batayon.bangla.scan import find_dates
from batayon.bangla.text import nfc

# --- sections -------------------------------------------------------------------------------

# Each mandated section (content.models.SECTION_KEYS) by link address and by link text in
# Bangla and English, as the national portal framework and other portals name them. The order
# matters: the first section whose words match a link wins ("আপিল" alone is not RTI).


@dataclass(frozen=True)
class SectionWords:
    key: str
    href: tuple[str, ...]  # regexes over the link's path
    bn: tuple[str, ...]  # words in the link text (NFC)
    en: tuple[str, ...]


SECTIONS: tuple[SectionWords, ...] = (
    SectionWords(
        "officers",
        (r"officer[-_ ]?list", r"/officers?\b", r"officer_list", r"/kormokorta"),
        ("কর্মকর্তাবৃন্দ", "কর্মকর্তাগণ", "কর্মকর্তাদের তালিকা", "কর্মকর্তা"),
        ("officers", "officer list", "our officers"),
    ),
    SectionWords(
        "staff",
        (r"staff[-_ ]?list", r"/staffs?\b", r"/employees?\b"),
        ("কর্মচারীবৃন্দ", "কর্মচারী", "কর্মচারীদের তালিকা"),
        ("staff", "employees"),
    ),
    SectionWords(
        "notices",
        (r"notices?\b", r"notice[-_]?board", r"/news\b"),
        ("নোটিশ বোর্ড", "নোটিশ", "বিজ্ঞপ্তি"),
        ("notice board", "notices", "notice"),
    ),
    SectionWords(
        "charter",
        (r"citizen[-_ ]?charter", r"/charter\b"),
        ("সিটিজেন চার্টার", "সিটিজেনস চার্টার", "নাগরিক সনদ", "সেবা প্রদান প্রতিশ্রুতি"),
        ("citizen charter", "citizen's charter", "citizens charter", "charter"),
    ),
    SectionWords(
        "rti",
        (r"/rti\b", r"right[-_ ]?to[-_ ]?information", r"information[-_ ]?officer"),
        ("তথ্য অধিকার", "তথ্য প্রদানকারী কর্মকর্তা", "দায়িত্বপ্রাপ্ত কর্মকর্তা"),
        ("right to information", "rti", "information officer"),
    ),
    SectionWords(
        "grs",
        (r"/grs\b", r"grievance"),
        ("অভিযোগ প্রতিকার", "অভিযোগ প্রতিকার ব্যবস্থা", "জিআরএস", "অনিক"),
        ("grievance redress", "grs", "grievance"),
    ),
    SectionWords(
        "apa",
        (r"/apa\b", r"annual[-_ ]?performance"),
        ("বার্ষিক কর্মসম্পাদন চুক্তি", "এপিএ", "কর্মসম্পাদন"),
        ("annual performance agreement", "apa"),
    ),
    SectionWords(
        "nis",
        (r"/nis\b", r"integrity", r"suddhachar", r"shuddhachar"),
        ("জাতীয় শুদ্ধাচার কৌশল", "শুদ্ধাচার"),
        ("national integrity strategy", "integrity", "nis"),
    ),
    SectionWords(
        "innovation",
        (r"innovation",),
        ("উদ্ভাবন", "ইনোভেশন"),
        ("innovation",),
    ),
    SectionWords(
        "focal-points",
        (r"focal[-_ ]?point",),
        ("ফোকাল পয়েন্ট",),
        ("focal point", "focal points"),
    ),
    SectionWords(
        "projects",
        (r"/projects?\b",),
        ("প্রকল্পসমূহ", "প্রকল্প"),
        ("projects", "project"),
    ),
    SectionWords(
        "reports",
        (r"/reports?\b", r"progress[-_ ]?report"),
        ("প্রতিবেদন", "অগ্রগতি প্রতিবেদন"),
        ("reports", "report"),
    ),
    SectionWords(
        "services",
        (r"/services?\b", r"service[-_ ]?list"),
        ("সেবাসমূহ", "সেবার তালিকা", "সেবা"),
        ("services", "our services"),
    ),
    SectionWords(
        "documents",
        (r"/documents?\b", r"/laws?\b", r"circular", r"/acts?\b"),
        ("আইন ও বিধি", "আইন/বিধি", "পরিপত্র", "প্রজ্ঞাপন", "আইন", "দলিল"),
        ("laws", "circulars", "documents", "acts and rules"),
    ),
)

SECTION_ORDER: tuple[str, ...] = tuple(s.key for s in SECTIONS)
_HREF_RES = {s.key: [re.compile(p, re.IGNORECASE) for p in s.href] for s in SECTIONS}


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True)
class SectionMatch:
    section: str
    url: str
    text: str
    by: str  # "text" | "href"
    match: str  # the word or pattern that matched

    def evidence(self) -> dict:
        return {"url": self.url, "text": self.text, "by": self.by, "match": self.match}


_SPACES = re.compile(r"\s+")


def _norm_text(s: str) -> str:
    return _SPACES.sub(" ", nfc(s or "")).strip()


def _text_has(text: str, word: str) -> bool:
    low = text.lower()
    w = word.lower()
    if w.isascii():
        return re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low) is not None
    return w in low


def _words_re(words: tuple[str, ...]) -> re.Pattern:
    """One pattern for "any of these words" (what ``_text_has`` does word by word), over
    lower-cased text."""
    parts = [
        rf"(?<![a-z]){re.escape(w.lower())}(?![a-z])" if w.isascii() else re.escape(w.lower()) for w in words
    ]
    return re.compile("|".join(parts))


# Per section, whether any of its words is in a link text: one search instead of one a word.
_TEXT_RES = {s.key: _words_re((*s.bn, *s.en)) for s in SECTIONS}


def clean_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def links(tree: HTMLParser, base_url: str, root: Node | None = None) -> list[Link]:
    out: list[Link] = []
    scope = root or tree.root or tree.body
    if scope is None:
        return out
    for a in scope.css("a[href]"):
        href = (a.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        out.append(Link(clean_url(urljoin(base_url, href)), _norm_text(a.text(separator=" "))))
    return out


def match_section(link: Link) -> SectionMatch | None:
    """Which mandated section a menu link stands for, by its text first, then its address."""
    if link.text:
        low = link.text.lower()
        for s in SECTIONS:
            if _TEXT_RES[s.key].search(low) is None:
                continue
            for word in (*s.bn, *s.en):  # which word, in the section's order (the evidence)
                if _text_has(link.text, word):
                    return SectionMatch(s.key, link.url, link.text, "text", word)
    path = urlsplit(link.url).path
    for s in SECTIONS:
        for rx in _HREF_RES[s.key]:
            if m := rx.search(path):
                return SectionMatch(s.key, link.url, link.text, "href", m.group(0))
    return None


def find_sections(page_links: list[Link], site: str) -> dict[str, SectionMatch]:
    """The first link on the site for each mandated section (same host only)."""
    found: dict[str, SectionMatch] = {}
    for link in page_links:
        if urlsplit(link.url).netloc.lower() != site:
            continue
        m = match_section(link)
        if m and m.section not in found:
            found[m.section] = m
    return found


# --- language versions ----------------------------------------------------------------------

_BN_RUN = re.compile(r"[\u0980-\u09ff]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")


def bangla_share(text: str) -> float:
    """Bangla letters among Bangla and Latin letters (counted by runs: one string a word, not
    one a letter)."""
    bn = sum(map(len, _BN_RUN.findall(text)))
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    return bn / (bn + latin) if bn + latin else 0.0


def language_link(page_links: list[Link], site: str, to: str) -> Link | None:
    """The link to the other language version ("English" / "বাংলা", or /en/ ↔ /bn/)."""
    words = ("english", "eng", "en") if to == "en" else ("বাংলা", "bangla", "bn")
    for link in page_links:
        if urlsplit(link.url).netloc.lower() != site:
            continue
        if link.text and link.text.strip().lower() in words:
            return link
    marker = f"/{to}/"
    for link in page_links:
        path = urlsplit(link.url).path
        if urlsplit(link.url).netloc.lower() == site and (path.startswith(marker) or path == marker[:-1]):
            return link
    return None


def counterpart(url: str, to: str) -> str | None:
    """The same page in the other language, for portals that put the language in the path."""
    parts = urlsplit(url)
    frm = "bn" if to == "en" else "en"
    if parts.path.startswith(f"/{frm}/") or parts.path == f"/{frm}":
        path = f"/{to}" + parts.path[len(frm) + 1 :]
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
    return None


# --- page content ---------------------------------------------------------------------------


def content_root(tree: HTMLParser) -> Node:
    """The page's content: <main>, #content, .content, <article>, else <body>."""
    main = tree.tags("main")  # no selector to compile: the common case, cheaply
    if main:
        return main[0]
    for selector in ("#content", ".content", "article", "body"):
        node = tree.css_first(selector)
        if node is not None:
            return node
    if tree.root is None:
        raise ValueError("empty document")
    return tree.root


def raw_text(tree: HTMLParser) -> str:
    """The page's text as written (no normalising): enough for ``last_updated``, which
    normalises only around the labels it finds."""
    body = tree.body or tree.root
    return body.text(separator=" ") if body is not None else ""


def page_text(tree: HTMLParser) -> str:
    return _norm_text(raw_text(tree))


def title(tree: HTMLParser) -> str:
    node = tree.css_first("title")
    return _norm_text(node.text()) if node is not None else ""


_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_PHONEISH = re.compile(r"[+0-9০-৯][0-9০-৯ \-()]{5,}[0-9০-৯]")


def phones_in(text: str) -> list[str]:
    out = []
    for m in _PHONEISH.finditer(text):
        try:
            out.append(normalise_phone(m.group(0)))
        except (InvalidPhone, ValueError):
            continue
    return out


@dataclass
class Rows:
    """The items listed on a section page (table rows, else list items of the content)."""

    n: int = 0
    no_mobile: int = 0
    no_email: int = 0
    no_photo: int = 0
    dates: list[tuple[dt.date, str]] = field(default_factory=list)  # the newest date of each row
    names: list[str] = field(default_factory=list)


def rows(tree: HTMLParser, people: bool = False, dates: bool = False, names: bool = False) -> Rows:
    """Count the rows; with ``people`` who has no mobile/e-mail/photo, with ``dates`` each row's
    newest date, with ``names`` each row's first text cell (only what the section needs)."""
    root = content_root(tree)
    items = [tr for tr in root.css("tr") if any(c.tag == "td" for c in tr.iter())]
    if not items:
        items = [li for li in root.css("li") if not _inside(li, "nav")]
    out = Rows()
    for item in items:
        text = _norm_text(item.text(separator=" "))
        if not text:
            continue
        out.n += 1
        if people:
            if not any(p.startswith("+8801") for p in phones_in(text)):
                out.no_mobile += 1
            if not _EMAIL.search(text) and item.css_first("a[href^='mailto:']") is None:
                out.no_email += 1
            if item.css_first("img") is None:
                out.no_photo += 1
        if dates and (found := find_dates(text)):
            newest = max(found, key=lambda d: d.date)
            out.dates.append((newest.date, newest.text))
        if names:
            texts = [_norm_text(c.text()) for c in item.iter() if c.tag == "td"]
            name = next((t for t in texts if t.strip("০১২৩৪৫৬৭৮৯0123456789. ")), text[:80])
            out.names.append(name[:120])
    return out


def _inside(node: Node, tag: str) -> bool:
    p = node.parent
    while p is not None:
        if p.tag == tag:
            return True
        p = p.parent
    return False


# --- last updated ---------------------------------------------------------------------------

_UPDATED_LABELS = re.compile(
    r"(সর্ব[\s\-]*শেষ\s*হাল[\s\-]*নাগাদ|সর্বশেষ\s*হালনাগাদ|হালনাগাদের\s*তারিখ|last\s*updated?|updated\s*on)",
    re.IGNORECASE,
)


def last_updated(text: str, headers: dict[str, str] | None = None) -> tuple[dt.date, str] | None:
    """The page's last-updated date: a labelled date in its text, else ``Last-Modified``.

    ``text`` may be raw page text: the labels hold no letters NFC changes, and the 80
    characters after a label are normalised (NFC, one space for any run of white space)."""
    text = text or ""
    for m in _UPDATED_LABELS.finditer(text):
        window = _SPACES.sub(" ", nfc(text[m.end() : m.end() + 400]))[:80]
        found = find_dates(window)
        if found:
            label = _SPACES.sub(" ", m.group(0))
            return found[0].date, f"{label}{window[: found[0].start + len(found[0].text)]}".strip()
    if headers and headers.get("last-modified"):
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(headers["last-modified"])
            return when.date(), f"Last-Modified: {headers['last-modified']}"
        except (TypeError, ValueError):
            return None
    return None


# --- RTI / GRS designated officers ----------------------------------------------------------

DESIGNATED_ROLES = {
    "rti_alternative": ("বিকল্প দায়িত্বপ্রাপ্ত কর্মকর্তা", "বিকল্প তথ্য প্রদানকারী কর্মকর্তা", "alternative"),
    "rti_primary": ("দায়িত্বপ্রাপ্ত কর্মকর্তা", "তথ্য প্রদানকারী কর্মকর্তা", "designated officer"),
    "rti_appeal": ("আপিল কর্তৃপক্ষ", "appeal authority", "appellate authority"),
    "grs_primary": ("অনিক", "অভিযোগ নিষ্পত্তি কর্মকর্তা", "grs focal point", "anik"),
    "grs_appeal": ("আপিল কর্মকর্তা", "appeal officer"),
}


def designated(tree: HTMLParser, sources: tuple[str, ...]) -> dict[str, tuple[int, str]]:
    """For each role: 1 and the text read when the page names someone with a phone or e-mail
    under the role's heading, else 0."""
    root = content_root(tree)
    blocks = root.css("section, .officer, .designated, div.card, tr") or [root]
    out: dict[str, tuple[int, str]] = {s: (0, "") for s in sources}
    for block in blocks:
        text = _norm_text(block.text(separator=" "))
        low = text.lower()
        for src in sources:
            if out[src][0]:
                continue
            words = DESIGNATED_ROLES[src]
            hit = next((w for w in words if w.lower() in low), None)
            if hit is None:
                continue
            if src == "rti_primary" and "বিকল্প" in text:
                continue
            if phones_in(text) or _EMAIL.search(text):
                out[src] = (1, text[:200])
    return out


# --- service box ----------------------------------------------------------------------------

_SERVICE_BOX = re.compile(r"(সেবা\s*বক্স|ই-?সেবা|service\s*box|e-?services?)", re.IGNORECASE)


def service_box_links(tree: HTMLParser, base_url: str) -> list[Link]:
    """Links in the home page's service box: a block headed "সেবা বক্স"/"ই-সেবা"/"Service box"."""
    out: list[Link] = []
    for block in tree.css("div, section, aside"):
        heading = block.css_first("h1, h2, h3, h4, h5, .title, .box-title")
        if heading is None or not _SERVICE_BOX.search(heading.text()):
            continue
        if block.css_first("div div, section section") is not None and block.css_first(".service-box"):
            continue  # an outer wrapper; the inner box is visited on its own
        out.extend(links(tree, base_url, block))
        break
    unique: dict[str, Link] = {}
    for link in out:
        unique.setdefault(link.url, link)  # each URL once, the first kept
    return list(unique.values())


# --- defacement -----------------------------------------------------------------------------

_DEFACED = re.compile(
    r"(h[a4]ck[e3]d\s*by|defaced\s*by|owned\s*by\s+\w|pwn[e3]d\s*by|greetz|your\s+security\s+is\s+(?:low|zero|weak)"
    r"|হ্যাক\s*করেছে|হ্যাকড)",
    re.IGNORECASE,
)


def defacement_text(text: str, page_title: str = "") -> str:
    """The "hacked by"-style words found, or ""."""
    for s in (page_title, text):
        if m := _DEFACED.search(s or ""):
            start = max(0, m.start() - 20)
            return s[start : m.end() + 40].strip()
    return ""


# --- security headers -----------------------------------------------------------------------

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


def missing_security_headers(headers: dict[str, str]) -> list[str]:
    missing = [h for h in SECURITY_HEADERS if not headers.get(h)]
    # frame-ancestors in a CSP does what X-Frame-Options does.
    if "x-frame-options" in missing and "frame-ancestors" in headers.get("content-security-policy", ""):
        missing.remove("x-frame-options")
    return missing


def hsts_max_age(headers: dict[str, str]) -> int | None:
    value = headers.get("strict-transport-security")
    if not value:
        return None
    m = re.search(r"max-age\s*=\s*\"?([0-9]+)", value, re.IGNORECASE)
    return int(m.group(1)) if m else 0
