"""Creating accounts one by one or a whole district from a CSV file.

Every row is checked before anything is written; if any row is wrong, nothing is created
and each problem is reported in Bangla with its line number.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from batayon.core.templatetags.bn import num
from batayon.offices.models import Office, normalise_domain

from .models import Membership, Role

CSV_COLUMNS = ("username", "email", "office_domain", "role")


def parse_role(text: str) -> str | None:
    """A role as written in an onboarding sheet: its code (``editor``) or its name in Bangla
    or English (``সম্পাদক``, ``Editor``); ``None`` when it is none of these."""
    text = " ".join(text.split()).casefold()
    for role in Role:
        names = {role.value}
        for lang in ("bn", "en"):
            with translation.override(lang):
                names.add(str(role.label).casefold())
        if text in names:
            return role.value
    return None


@dataclass
class AccountRow:
    line: int
    username: str
    email: str
    office_domain: str
    role: str
    password: str = ""
    office: Office | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class AccountResult:
    username: str
    role: str
    domain: str
    created: bool
    generated_password: str = ""


class OnboardingError(Exception):
    """One or more rows are wrong; ``errors`` holds a Bangla message per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def validate_rows(rows: list[AccountRow]) -> list[str]:
    """Check every row (one query for all offices); return the problems, in Bangla."""
    domains = {normalise_domain(r.office_domain) for r in rows if r.office_domain}
    offices = {o.domain: o for o in Office.objects.filter(domain__in=domains)}
    seen: dict[str, int] = {}
    username_check = UnicodeUsernameValidator()
    errors: list[str] = []
    for row in rows:
        where = _("সারি %(line)s") % {"line": num(row.line)}
        if not row.username:
            row.errors.append(_("ব্যবহারকারীর নাম (username) নেই"))
        else:
            try:
                username_check(row.username)
            except ValidationError:
                row.errors.append(
                    _("ব্যবহারকারীর নাম “%(username)s” গ্রহণযোগ্য নয় (শুধু ইংরেজি অক্ষর, অঙ্ক ও @.+-_)")
                    % {"username": row.username}
                )
            key = row.username.lower()
            if key in seen:
                row.errors.append(
                    _("ব্যবহারকারীর নাম “%(username)s” ফাইলে আগেও আছে (সারি %(line)s)")
                    % {"username": row.username, "line": num(seen[key])}
                )
            seen.setdefault(key, row.line)
        role = parse_role(row.role) if row.role else None
        if role is None:
            row.errors.append(
                _("ভূমিকা “%(role)s” অজানা; লিখুন editor, head, supervisor অথবা admin") % {"role": row.role}
            )
        else:
            row.role = role
        row.office = offices.get(normalise_domain(row.office_domain)) if row.office_domain else None
        if row.office is None:
            row.errors.append(
                _("দপ্তরের ডোমেইন “%(domain)s” নিবন্ধনে পাওয়া যায়নি") % {"domain": row.office_domain}
            )
        if row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                row.errors.append(_("ই-মেইল “%(email)s” সঠিক নয়") % {"email": row.email})
        if row.password:
            try:
                validate_password(row.password)
            except ValidationError as exc:
                row.errors.append(_("পাসওয়ার্ড দুর্বল: %(reasons)s") % {"reasons": " ".join(exc.messages)})
        errors.extend(f"{where}: {msg}" for msg in row.errors)
    return errors


def apply_rows(rows: list[AccountRow]) -> list[AccountResult]:
    """Validate all rows, then create or update every account in one transaction."""
    errors = validate_rows(rows)
    if errors:
        raise OnboardingError(errors)
    User = get_user_model()
    results: list[AccountResult] = []
    with transaction.atomic():
        for row in rows:
            user = User.objects.filter(username__iexact=row.username).first()
            created = user is None
            if created:
                user = User(username=row.username)
            if row.email:
                user.email = row.email
            generated = ""
            if row.password:
                user.set_password(row.password)
            elif created:
                generated = generate_password()
                user.set_password(generated)
            user.save()
            Membership.objects.get_or_create(user=user, office=row.office, role=row.role)
            results.append(AccountResult(user.username, row.role, row.office.domain, created, generated))
    return results


def rows_from_csv(text: str) -> list[AccountRow]:
    """Parse an onboarding sheet (header: username,email,office_domain,role[,password])."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise OnboardingError(
            [_("CSV ফাইলের শিরোনাম সারিতে এই কলাম নেই: %(columns)s") % {"columns": ", ".join(missing)}]
        )
    rows = []
    for number, raw in enumerate(reader, start=2):
        values = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not any(values.values()):
            continue  # blank line
        rows.append(
            AccountRow(
                line=number,
                username=values.get("username", ""),
                email=values.get("email", ""),
                office_domain=values.get("office_domain", ""),
                role=values.get("role", ""),
                password=values.get("password", ""),
            )
        )
    return rows
