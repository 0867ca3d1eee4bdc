"""``batayon synth --offices N``: a synthetic national dataset for scale tests and benchmarks."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from batayon.devtools.synth import offices_by_tier, synthesise


class Command(BaseCommand):
    help = (
        "জাতীয় পর্যায়ের কৃত্রিম ডেটাসেট তৈরি করে (Build a synthetic national dataset: real geography, "
        "offices per tier like the real estate, realistic content)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--offices", type=int, default=36000, help="number of offices (default 36000)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete every office and its content first (never on a real database)",
        )
        parser.add_argument("--evaluate", action="store_true", help="evaluate every office afterwards")

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        bar = tqdm(
            total=options["offices"],
            desc="synth",
            unit="office",
            file=sys.stderr,
            disable=options["verbosity"] == 0,
        )
        try:
            with bar:
                counts = synthesise(
                    options["offices"], seed=options["seed"], reset=options["reset"], progress=bar.update
                )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(v for k, v in counts.items() if k != "Office")
        self.stdout.write(
            f"offices={counts['Office']} rows={rows} seconds={time.perf_counter() - started:.1f}"
        )
        self.stdout.write("tiers: " + " ".join(f"{k}={v}" for k, v in sorted(offices_by_tier().items())))
        self.stdout.write("rows: " + " ".join(f"{k}={v}" for k, v in sorted(counts.items())))
        if options["evaluate"]:
            from django.core.management import call_command

            call_command("evaluate", verbosity=options["verbosity"], stdout=self.stdout, stderr=self.stderr)
