"""``batayon loaddemo``: the national registry plus a realistic Kushtia district."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from batayon.committees.loader import load_committees
from batayon.content.menus import load_menus
from batayon.demo.loader import load_demo_content
from batayon.offices.registry import load_geography, load_offices
from batayon.workspace.demo import create_demo_accounts


class Command(BaseCommand):
    help = "জাতীয় দপ্তর তালিকা ও কুষ্টিয়া জেলার ডেমো তথ্য লোড করে (Load the registry and the Kushtia demo)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", default="8000", help="Port shown in the printed URLs.")

    def handle(self, *args, **options) -> None:
        counts = load_geography()
        self.stdout.write(f"ভৌগোলিক এলাকা: বিভাগ {counts[1]}, জেলা {counts[2]}, উপজেলা {counts[3]}, ইউনিয়ন {counts[4]}")
        created = load_offices()
        self.stdout.write(f"দপ্তর যোগ হয়েছে: {created}")
        self.stdout.write(f"মেনু আইটেম: {load_menus()}")
        demo = load_demo_content(stdout=self.stdout)
        for name, number in demo.items():
            self.stdout.write(f"  {name}: {number}")
        # The demo offices were re-evaluated and re-indexed after their load committed
        # (content.changes); the registry is not content, so the whole country's index and
        # statuses are brought up to date once, set-based, here.
        call_command("reindex", stdout=self.stdout)
        call_command("evaluate", verbosity=0, stdout=self.stdout)
        self.stdout.write(f"কমিটির সভা (seed 002, 004): {load_committees()}")
        base = f"http://127.0.0.1:{options['port']}"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("বাতায়ন ডেমো প্রস্তুত (Batayon demo ready)"))
        self.stdout.write(f"  জাতীয় পোর্টাল / national root:   {base}/")
        self.stdout.write(f"  কুষ্টিয়া জেলা প্রশাসন / Kushtia DC: {base}/o/kushtia.gov.bd/bn/")
        self.stdout.write(f"  ইংরেজি / English:                 {base}/o/kushtia.gov.bd/en/")
        self.stdout.write(f"  কর্মক্ষেত্র / workspace:           {base}/workspace/")
        for username, password, role, domain in create_demo_accounts():
            self.stdout.write(f"  login {username} / {password}  ({role}, {domain})")
