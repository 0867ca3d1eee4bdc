"""``batayon apikey create --office DOMAIN --name NAME`` (prints the key once), ``list``, ``revoke``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from batayon.api.models import ApiKey
from batayon.offices.models import Office, normalise_domain


class Command(BaseCommand):
    help = "অন্য সিস্টেমের জন্য API কী তৈরি, তালিকা ও বাতিল করে (API keys for systems that write)."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="নতুন কী (a new key, printed once)")
        create.add_argument("--office", required=True, help="দপ্তরের ডোমেইন, যেমন kushtia.gov.bd")
        create.add_argument("--name", required=True, help="কোন সিস্টেমের জন্য, যেমন e-Nothi")
        listing = sub.add_parser("list", help="কীগুলোর তালিকা (keys, never their secret)")
        listing.add_argument("--office", help="শুধু এই দপ্তরের")
        revoke = sub.add_parser("revoke", help="কী বাতিল (revoke by prefix)")
        revoke.add_argument("prefix")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"do_{action}")(**options)

    def _office(self, domain: str) -> Office:
        office = Office.objects.filter(domain=normalise_domain(domain)).first()
        if office is None:
            raise CommandError(_("এই ডোমেইনে কোনো দপ্তর নেই: %(domain)s") % {"domain": domain})
        return office

    def do_create(self, office: str, name: str, **options) -> None:
        key, raw = ApiKey.issue(self._office(office), name.strip())
        self.stderr.write(
            _("API কী তৈরি হয়েছে: %(key)s। এটি আর দেখানো হবে না; নিরাপদে রাখুন।") % {"key": key}
        )
        self.stdout.write(raw)

    def do_list(self, office: str | None = None, **options) -> None:
        keys = ApiKey.objects.select_related("office")
        if office:
            keys = keys.filter(office=self._office(office))
        for key in keys:
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never"
            self.stdout.write(f"{key.prefix}\t{key.office.domain}\t{key.name}\t{state}\tlast used {used}")

    def do_revoke(self, prefix: str, **options) -> None:
        key = ApiKey.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
        if key is None:
            raise CommandError(_("এই প্রিফিক্সের কোনো চালু কী নেই: %(prefix)s") % {"prefix": prefix})
        key.revoke()
        self.stdout.write(_("বাতিল হয়েছে: %(key)s") % {"key": key})
