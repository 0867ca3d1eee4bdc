"""``batayon adduser``: create or update an account with its role at an office, or a
whole district's accounts from a CSV file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from batayon.accounts.models import Role
from batayon.accounts.onboarding import AccountRow, OnboardingError, apply_rows, rows_from_csv
from batayon.core.templatetags.bn import num


class Command(BaseCommand):
    help = "অ্যাকাউন্ট তৈরি বা হালনাগাদ করে (Create or update an account: --office --role --username, or --csv FILE)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--office", help="দপ্তরের ডোমেইন, যেমন kushtia.gov.bd")
        parser.add_argument("--role", choices=[r.value for r in Role])
        parser.add_argument("--username")
        parser.add_argument("--password", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--csv", dest="csv_file", help="username,email,office_domain,role[,password]")

    def handle(self, *args, **opts) -> None:
        if opts["csv_file"]:
            path = Path(opts["csv_file"])
            try:
                text = path.read_bytes().decode("utf-8-sig")
            except FileNotFoundError as exc:
                raise CommandError(_("ফাইল পাওয়া যায়নি: %(path)s") % {"path": path}) from exc
            except UnicodeDecodeError as exc:
                raise CommandError(_("ফাইলটি UTF-8 CSV নয়; এক্সেল থেকে “CSV UTF-8” হিসেবে সংরক্ষণ করুন।")) from exc
            try:
                rows = rows_from_csv(text)
            except OnboardingError as exc:
                raise CommandError(str(exc)) from exc
            if not rows:
                raise CommandError(_("ফাইলে কোনো সারি নেই।"))
        else:
            missing = [name for name in ("office", "role", "username") if not opts[name]]
            if missing:
                raise CommandError(
                    _("দরকার: %(options)s (অথবা --csv FILE)") % {"options": ", ".join(f"--{m}" for m in missing)}
                )
            rows = [AccountRow(1, opts["username"], opts["email"], opts["office"], opts["role"], opts["password"])]
        try:
            results = apply_rows(rows)
        except OnboardingError as exc:
            raise CommandError(_("কোনো অ্যাকাউন্ট তৈরি হয়নি; আগে এই ভুলগুলো ঠিক করুন:") + "\n" + str(exc)) from exc
        for r in results:
            verb = _("তৈরি হয়েছে") if r.created else _("হালনাগাদ হয়েছে")
            line = f"{r.username}: {verb} ({r.role}, {r.domain})"
            if r.generated_password:
                line += " " + _("পাসওয়ার্ড: %(password)s") % {"password": r.generated_password}
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(_("মোট %(count)sটি অ্যাকাউন্ট।") % {"count": num(len(results))}))
