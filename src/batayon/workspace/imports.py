"""Importing an office's officer or staff list from the spreadsheet it already keeps.

.xlsx (read with openpyxl in read-only mode; formulas are never evaluated: a cell holding a
formula is flagged, not computed) or .csv (UTF-8, with or without a BOM). Every row is
checked and the problems listed in Bangla; rows are saved only if the whole file is good,
in one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import IO, Any

import openpyxl
import xlsxwriter
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from batayon.bangla.dates import parse_date
from batayon.bangla.digits import to_latin_digits
from batayon.bangla.phone import InvalidPhone, normalise_phone
from batayon.bangla.text import nfc
from batayon.content.models import JOINING_EARLIEST, JOINING_MAX_AHEAD, Officer, date_bounds_error
from batayon.core.templatetags.bn import num, phone
from batayon.history.models import AuditEntry
from batayon.history.services import record, save_content

from . import uploads

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
HEADER_SCAN_ROWS = 10

# (field, Bangla header in the template, other headers offices use). The template's headers
# stay Bangla; the same header, translated, names the field in the import preview.
COLUMNS: list[tuple[str, str, tuple[str, ...]]] = [
    ("name_bn", gettext_noop("নাম (বাংলা)"), ("নাম", "name_bn", "কর্মকর্তার নাম", "কর্মচারীর নাম")),
    ("name_en", gettext_noop("নাম (ইংরেজি)"), ("name", "name_en", "name (english)", "নাম (english)")),
    ("designation_bn", gettext_noop("পদবি (বাংলা)"), ("পদবি", "পদবী", "পদবী (বাংলা)", "designation_bn")),
    ("designation_en", gettext_noop("পদবি (ইংরেজি)"), ("designation", "designation_en", "পদবী (ইংরেজি)", "পদবি (english)")),
    ("section_name_bn", gettext_noop("শাখা (বাংলা)"), ("শাখা", "section_bn")),
    ("section_name_en", gettext_noop("শাখা (ইংরেজি)"), ("section", "section_en")),
    ("mobile", gettext_noop("দাপ্তরিক মোবাইল"), ("মোবাইল", "মোবাইল নম্বর", "mobile", "mobile no")),
    ("phone", gettext_noop("ফোন (অফিস)"), ("ফোন", "phone", "telephone")),
    ("email", gettext_noop("ই-মেইল"), ("ইমেইল", "ইমেল", "email", "e-mail")),
    ("sort_order", gettext_noop("ক্রম"), ("ক্রমিক", "ক্রমিক নং", "sl", "order")),
    ("joined_on", gettext_noop("যোগদানের তারিখ"), ("যোগদান", "joined_on", "joining date")),
]


def _key(header: Any) -> str:
    return " ".join(nfc(str(header or "")).strip().lower().split())


HEADER_MAP: dict[str, str] = {}
for _field, _bn_header, _others in COLUMNS:
    for _h in (_bn_header, *_others):
        HEADER_MAP[_key(_h)] = _field


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is Bangla."""


@dataclass
class Change:
    """One field of a person already on the list that the file changes."""

    field: str
    label: str
    old: Any
    new: Any


@dataclass
class ImportRow:
    line: int
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    # A person already on the list with this mobile: the row updates them (re-import).
    officer_id: int | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def status(self) -> str:
        """"new", "changed" or "unchanged" (codes; the template words them)."""
        if self.officer_id is None:
            return "new"
        return "changed" if self.changes else "unchanged"

    def cells(self, columns: list[str]) -> list[tuple[str, Any]]:
        """The row's values in column order, typed for display (a date is a date)."""
        return [(c, _typed(c, self.values.get(c, ""))) for c in columns]


def _typed(name: str, value: Any) -> Any:
    if name == "joined_on" and isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


@dataclass
class ImportResult:
    rows: list[ImportRow]
    columns: list[str]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(r.errors for r in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in ("new", "changed", "unchanged")}

    @property
    def preview(self) -> list[tuple[ImportRow, list[tuple[str, Any]]]]:
        return [(row, row.cells(self.columns)) for row in self.rows]


@dataclass
class Saved:
    created: int
    updated: int


def _bn(n: int) -> str:
    """A number in the page's language (Bangla digits on Bangla pages)."""
    return num(n)


# ----- reading the file ------------------------------------------------------------------


def _read_xlsx(data: bytes) -> list[tuple[int, list[Any]]]:
    # data_only=False on purpose: openpyxl never evaluates formulas, and with data_only=True a
    # formula's cached result would slip in unnoticed; this way the "=…" text is seen and flagged.
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:
        raise ImportFileError(_("এক্সেল ফাইলটি পড়া যায়নি; ফাইলটি নষ্ট হতে পারে।")) from exc
    try:
        ws = wb.worksheets[0]
        out = []
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + HEADER_SCAN_ROWS + 1:
                raise ImportFileError(_("ফাইলে %(count)sটির বেশি সারি আছে; ভাগ করে দিন।") % {"count": _bn(MAX_ROWS)})
            out.append((number, list(row)))
        return out
    finally:
        wb.close()


def _read_csv(data: bytes) -> list[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("CSV ফাইলটি UTF-8 নয়; এক্সেলে “CSV UTF-8” হিসেবে সংরক্ষণ করুন।")) from exc
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS + 1:
        raise ImportFileError(_("ফাইলে %(count)sটির বেশি সারি আছে; ভাগ করে দিন।") % {"count": _bn(MAX_ROWS)})
    return list(enumerate(rows, start=1))


def read_table(f: IO[bytes], filename: str) -> list[tuple[int, list[Any]]]:
    data = uploads.read_limited(f, MAX_BYTES)
    if data[:4] == b"PK\x03\x04":
        try:
            kind = uploads.identify(data)  # macro, bomb and type checks
        except uploads.UploadRejected as exc:
            raise ImportFileError(" ".join(exc.messages)) from exc
        if kind != "xlsx":
            raise ImportFileError(_("শুধু এক্সেল (.xlsx) বা CSV ফাইল দেওয়া যায়।"))
        return _read_xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(_("পুরোনো .xls ফাইল পড়া যায় না; এক্সেলে .xlsx হিসেবে সংরক্ষণ করে দিন।"))
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("শুধু এক্সেল (.xlsx) বা CSV ফাইল দেওয়া যায়।"))
    return _read_csv(data)


# ----- checking rows ---------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def parse(f: IO[bytes], filename: str, office: Any, kind: str) -> ImportResult:
    table = read_table(f, filename)
    header_at = None
    columns: dict[int, str] = {}
    for number, cells in table[:HEADER_SCAN_ROWS]:
        found = {i: HEADER_MAP[_key(c)] for i, c in enumerate(cells) if _key(c) in HEADER_MAP}
        if "name_bn" in found.values() or "name_en" in found.values():
            header_at, columns = number, found
            break
    if header_at is None:
        raise ImportFileError(_("শিরোনাম সারি পাওয়া যায়নি; নমুনা ফাইলের মতো “নাম (বাংলা)”, “পদবি (বাংলা)” … কলাম রাখুন।"))
    rows: list[ImportRow] = []
    for number, cells in table:
        if number <= header_at:
            continue
        raw = {name: cells[i] if i < len(cells) else None for i, name in columns.items()}
        if all(_cell_text(v) == "" for v in raw.values()):
            continue
        rows.append(_check_row(number, raw))
    if not rows:
        raise ImportFileError(_("ফাইলে কোনো তথ্যের সারি নেই।"))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("ফাইলে %(count)sটির বেশি সারি আছে; ভাগ করে দিন।") % {"count": _bn(MAX_ROWS)})
    check_duplicates(rows, office, kind)
    return ImportResult(rows, [c for c, _bn_h, _o in COLUMNS if c in columns.values()])


def _check_row(line: int, raw: dict[str, Any]) -> ImportRow:
    row = ImportRow(line, {})
    for name, value in raw.items():
        text = _cell_text(value)
        if text.startswith("="):
            row.errors.append(_("“%(text)s” একটি সূত্র (ফর্মুলা); সূত্র গ্রহণ করা হয় না, মানটি লিখুন") % {"text": text[:40]})
        if name == "joined_on" and isinstance(value, (dt.date, dt.datetime)):
            row.values[name] = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        else:
            row.values[name] = text
    v = row.values
    if not v.get("name_bn"):
        row.errors.append(_("নাম (বাংলা) নেই"))
    if not v.get("designation_bn"):
        row.errors.append(_("পদবি (বাংলা) নেই"))
    for name, label in (("mobile", _("মোবাইল")), ("phone", _("ফোন"))):
        if v.get(name) and not v[name].startswith("="):
            try:
                v[name] = normalise_phone(v[name])
            except InvalidPhone as exc:
                row.errors.append(f"{label} “{v[name]}”: {exc}")
    if v.get("email"):
        try:
            validate_email(v["email"])
            v["email"] = v["email"].lower()
        except ValidationError:
            row.errors.append(_("ই-মেইল “%(email)s” সঠিক নয়") % {"email": v["email"]})
    if v.get("sort_order"):
        try:
            v["sort_order"] = int(to_latin_digits(str(v["sort_order"])))
        except ValueError:
            row.errors.append(_("ক্রম “%(value)s” একটি সংখ্যা হতে হবে") % {"value": v["sort_order"]})
    if v.get("joined_on") and not str(v["joined_on"]).startswith("="):
        try:
            value = v["joined_on"]
            v["joined_on"] = value if len(value) == 10 and value[4] == "-" else parse_date(value).isoformat()
            joined = dt.date.fromisoformat(v["joined_on"])
        except ValueError as exc:
            row.errors.append(_("যোগদানের তারিখ: %(error)s") % {"error": exc})
        else:
            problem = date_bounds_error(joined, JOINING_EARLIEST, JOINING_MAX_AHEAD, _("যোগদানের তারিখ"))
            if problem:
                row.errors.append(problem)
    for name in ("name_bn", "name_en", "designation_bn", "designation_en", "section_name_bn", "section_name_en"):
        if len(v.get(name, "")) > 200:
            row.errors.append(_("লেখা %(count)s অক্ষরের বেশি") % {"count": _bn(200)})
    return row


LABELS = {name: header for name, header, _o in COLUMNS}


def _stored(officer: Officer, name: str) -> Any:
    value = getattr(officer, name)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def changes_for(officer: Officer, values: dict[str, Any]) -> list[Change]:
    """What the row would change on ``officer``. An empty cell changes nothing (a column left
    blank must not wipe what the office already has)."""
    out = []
    for name, _header, _o in COLUMNS:
        new = values.get(name)
        if new in (None, ""):
            continue
        old = _stored(officer, name)
        if name == "email" and str(old).lower() == str(new).lower():
            continue
        if str(old) != str(new):
            out.append(Change(name, _(LABELS[name]), _typed(name, old), _typed(name, new)))
    return out


def check_duplicates(rows: list[ImportRow], office: Any, kind: str) -> None:
    """The same mobile or e-mail twice in the file, or on another current person. A row whose
    mobile is a current person's of the same list updates that person (``officer_id``)."""
    current = list(Officer.objects.of(office).current())
    by_key: dict[tuple[str, str], Officer] = {}
    for officer in current:
        if officer.mobile:
            by_key[("mobile", officer.mobile)] = officer
        if officer.email:
            by_key[("email", officer.email.lower())] = officer
    seen: dict[tuple[str, str], int] = {}
    labels = {"mobile": _("মোবাইল নম্বর"), "email": _("ই-মেইল")}
    for row in rows:
        row.officer_id, row.changes = None, []
        mobile = row.values.get("mobile")
        match = by_key.get(("mobile", mobile)) if mobile else None
        if match is not None and match.kind == kind:
            row.officer_id = match.pk
            row.changes = changes_for(match, row.values)
        for name in ("mobile", "email"):
            value = row.values.get(name)
            if not value:
                continue
            key = (name, value)
            shown = phone(value) if name == "mobile" else value
            if key in seen:
                row.errors.append(
                    _("%(field)s %(value)s ফাইলের সারি %(line)s-এও আছে")
                    % {"field": labels[name], "value": shown, "line": _bn(seen[key])}
                )
            else:
                seen[key] = row.line
            owner = by_key.get(key)
            if owner is not None and owner.pk != row.officer_id:
                row.errors.append(
                    _("%(field)s %(value)s ইতিমধ্যে %(name)s-এর নামে তালিকায় আছে")
                    % {"field": labels[name], "value": shown, "name": owner.name_bn}
                )


# ----- saving ---------------------------------------------------------------------------


FIELDS = ("name_bn", "name_en", "designation_bn", "designation_en", "section_name_bn", "section_name_en",
          "mobile", "phone", "email")


def _apply(officer: Officer, values: dict[str, Any], *, blank_clears: bool) -> None:
    for name in FIELDS:
        value = values.get(name) or ""
        if value or blank_clears:
            setattr(officer, name, value)
    officer.name = officer.name_bn or ""
    officer.designation = officer.designation_bn or ""
    if values.get("sort_order"):
        officer.sort_order = int(values["sort_order"])
    if values.get("joined_on"):
        officer.joined_on = dt.date.fromisoformat(values["joined_on"])


def save_rows(office: Any, kind: str, rows: list[dict[str, Any]], filename: str, user: Any, request: Any) -> Saved:
    """Create the new people and update the changed ones, or nothing: one transaction, matches
    and duplicates re-checked against the database, every change through ``save_content``
    (a revision and an audit entry each)."""
    checked = [ImportRow(i + 1, dict(values)) for i, values in enumerate(rows)]
    saved = Saved(0, 0)
    with transaction.atomic():
        check_duplicates(checked, office, kind)
        problems = [e for r in checked for e in r.errors]
        if problems:
            raise ImportFileError(_("ফাইল দেখার পর তালিকা বদলে গেছে: %(problems)s") % {"problems": "; ".join(problems[:5])})
        for row in checked:
            if row.officer_id is None:
                officer = Officer(office=office, kind=kind)
                _apply(officer, row.values, blank_clears=True)
                saved.created += 1
            elif row.changes:
                officer = Officer.objects.select_for_update().get(pk=row.officer_id, office=office)
                _apply(officer, row.values, blank_clears=False)
                saved.updated += 1
            else:
                continue
            save_content(officer, user, request, note={"import": filename})
        record(AuditEntry.Action.IMPORT, user, request, office=office,
               changes={"file": filename, "rows": len(checked), "kind": kind, "created": saved.created,
                        "updated": saved.updated})
    return saved


def template_xlsx(kind: str) -> bytes:
    """A blank sheet with the Bangla headers and one example row, for offices to fill in."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet("কর্মকর্তা" if kind == "officer" else "কর্মচারী")
    head = wb.add_format({"bold": True, "bg_color": "#DDEEDD", "border": 1, "text_wrap": True})
    text = wb.add_format({"num_format": "@"})  # phone numbers keep their leading zero
    for col, (_f, header, _o) in enumerate(COLUMNS):
        ws.write_string(0, col, header, head)
        ws.set_column(col, col, 22, text)
    example = ["মোঃ আব্দুল করিম", "Md. Abdul Karim", "উপজেলা নির্বাহী অফিসার", "Upazila Nirbahi Officer",
               "", "", "০১৭১১০০০০০০", "০৭১-৬২০০০", "uno@example.gov.bd", "১", "০১-০৭-২০২৪"]
    for col, value in enumerate(example):
        ws.write_string(1, col, value, text)
    ws.freeze_panes(1, 0)
    wb.close()
    return out.getvalue()
