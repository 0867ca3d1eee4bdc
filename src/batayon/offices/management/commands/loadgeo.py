from django.core.management.base import BaseCommand

from batayon.offices.registry import load_geography, load_offices


class Command(BaseCommand):
    help = "দেশের ভৌগোলিক এলাকা ও দপ্তরের তালিকা লোড করে (Load the national geography and office registry)."

    def handle(self, *args, **options) -> None:
        counts = load_geography()
        self.stdout.write(
            f"divisions={counts[1]} districts={counts[2]} upazilas={counts[3]} unions={counts[4]}"
        )
        created = load_offices()
        self.stdout.write(f"offices created={created}")
