"""``batayon loaddemo``: the national registry plus a realistic Kushtia district."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from batayon.committees.loader import load_committees
from batayon.content.menus import load_menus
from batayon.core.templatetags.bn import num
from batayon.demo.loader import load_demo_content
from batayon.offices.registry import load_geography, load_offices
from batayon.workspace.demo import create_demo_accounts


class Command(BaseCommand):
    help = "জাতীয় দপ্তর তালিকা ও কুষ্টিয়া জেলার ডেমো তথ্য লোড করে (Load the registry and the Kushtia demo)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", default="8000", help="Port shown in the printed URLs.")

    def handle(self, *args, **options) -> None:
        counts = load_geography()
        self.stdout.write(
            _("ভৌগোলিক এলাকা: বিভাগ %(divisions)s, জেলা %(districts)s, উপজেলা %(upazilas)s, ইউনিয়ন %(unions)s")
            % {"divisions": num(counts[1]), "districts": num(counts[2]), "upazilas": num(counts[3]),
               "unions": num(counts[4])}
        )
        self.stdout.write(_("দপ্তর যোগ হয়েছে: %(n)s") % {"n": num(load_offices())})
        self.stdout.write(_("মেনু আইটেম: %(n)s") % {"n": num(load_menus())})
        demo = load_demo_content(stdout=self.stdout)
        for name, number in demo.items():
            self.stdout.write(f"  {_(name)}: {num(number)}")
        # The demo offices were re-evaluated and re-indexed after their load committed
        # (content.changes); the registry is not content, so the whole country's index and
        # statuses are brought up to date once, set-based, here.
        call_command("reindex", stdout=self.stdout)
        call_command("evaluate", verbosity=0, stdout=self.stdout)
        held = {k: num(v) for k, v in load_committees().items()}
        self.stdout.write(
            _("কমিটির সভা: %(committees)sটি কমিটি, %(meetings)sটি সভা, %(decisions)sটি সিদ্ধান্ত") % held
        )
        base = f"http://127.0.0.1:{options['port']}"
        rows = [
            (_("জাতীয় পোর্টাল"), f"{base}/"),
            (_("কুষ্টিয়া জেলা প্রশাসন (বাংলা)"), f"{base}/o/kushtia.gov.bd/bn/"),
            (_("কুষ্টিয়া জেলা প্রশাসন (ইংরেজি)"), f"{base}/o/kushtia.gov.bd/en/"),
            (_("কর্মক্ষেত্র"), f"{base}/workspace/"),
        ]
        width = max(len(label) for label, _url in rows) + 1
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("বাতায়ন ডেমো প্রস্তুত")))
        for label, url in rows:
            self.stdout.write(f"  {label + ':':<{width}} {url}")
        for username, password, role, domain in create_demo_accounts():
            self.stdout.write(
                "  " + _("লগইন %(username)s / %(password)s  (%(role)s, %(domain)s)")
                % {"username": username, "password": password, "role": role, "domain": domain}
            )
