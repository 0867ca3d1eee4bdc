"""Keep the two catalogues complete after ``makemessages``.

msgids are Bangla (the platform's first language), so the ``bn`` catalogue translates each
msgid to itself, and the ``en`` catalogue takes its English from ``locale/en-glossary.json``
(msgid → English; "context|msgid" for a message with a context; ["one", "other"] for a
plural message whose Bangla forms are the same), which engineers extend as they add strings. Prints what is still missing.

It also writes the supplement to Django's own Bangla catalogue (``locale-django/``, listed in
LOCALE_PATHS): the admin's and auth's English msgids that Django ships untranslated for bn
("Recent actions", "This password is too short…"), from ``locale-django/bn-supplement.json``.

    python tools/fill_catalogues.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "batayon"
LOCALE = PACKAGE / "locale"
DJANGO_SUPPLEMENT = PACKAGE / "locale-django"


def write_django_supplement() -> None:
    """``locale-django/bn-supplement.json`` (English msgid → Bangla) as a compiled catalogue."""
    entries: dict[str, str | list[str]] = json.loads((DJANGO_SUPPLEMENT / "bn-supplement.json").read_text("utf-8"))
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "bn",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for msgid, bangla in sorted(entries.items()):
        if isinstance(bangla, list):
            # The English plural is Django's own; Bangla writes both forms alike.
            po.append(polib.POEntry(msgid=msgid, msgid_plural=msgid, msgstr_plural={0: bangla[0], 1: bangla[-1]}))
        else:
            po.append(polib.POEntry(msgid=msgid, msgstr=bangla))
    out = DJANGO_SUPPLEMENT / "bn" / "LC_MESSAGES"
    out.mkdir(parents=True, exist_ok=True)
    po.save(str(out / "django.po"))
    po.save_as_mofile(str(out / "django.mo"))


def main() -> int:
    glossary: dict[str, str] = json.loads((LOCALE / "en-glossary.json").read_text(encoding="utf-8"))
    missing = []
    # The project catalogue and any app's own (makemessages writes an app's strings into
    # the app's locale/ when it has one).
    catalogues = [p for p in PACKAGE.rglob("locale/*/LC_MESSAGES/django.po") if p.parts[-3] in ("bn", "en")]
    for path in sorted(catalogues):
        lang = path.parts[-3]
        po = polib.pofile(str(path))
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                # makemessages guesses a translation from a similar msgid ("প্রস্থান" got
                # "Agencies"); a guess is never kept.
                entry.flags.remove("fuzzy")
                entry.msgstr = ""
                entry.previous_msgid = None
                entry.previous_msgctxt = None  # else msgmerge chokes on a lone "#| msgctxt"
                entry.previous_msgid_plural = None
            if lang == "bn":
                entry.msgstr = entry.msgid
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                # A message with a context is looked up as "context|msgid"; a plural message
                # may give its English forms as a list ["one", "other"] (Bangla has one form).
                key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
                english = glossary.get(key)
                if isinstance(english, list) and entry.msgid_plural:
                    entry.msgstr_plural = {0: english[0], 1: english[-1]}
                elif isinstance(english, list):
                    entry.msgstr = english[0]
                elif english:
                    entry.msgstr = english
                    if entry.msgid_plural:
                        entry.msgstr_plural = {0: english, 1: glossary.get(entry.msgid_plural, english)}
                elif not entry.msgstr:
                    missing.append(entry.msgid)
        po.save()
        po.save_as_mofile(str(path.with_suffix(".mo")))
    write_django_supplement()
    for msgid in missing:
        print(f"no English for: {msgid}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
