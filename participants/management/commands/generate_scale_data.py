"""Fill the database with deterministic synthetic records for benchmarks.

    python manage.py generate_scale_data --programs 50000 --participants 1000000 --cities 5000

Refuses to touch a database that holds real (non-synthetic) programs or participants unless
``--allow-real-data`` is given. Uses COPY on PostgreSQL and bulk inserts elsewhere.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from participants import scale


class Command(BaseCommand):
    help = "Generate synthetic cities, programs, participants and enrollments (deterministic seed)."

    def add_arguments(self, parser):
        parser.add_argument("--programs", type=int, default=50_000)
        parser.add_argument("--participants", type=int, default=1_000_000)
        parser.add_argument("--cities", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=2005)
        parser.add_argument("--batch-size", type=int, default=5_000)
        parser.add_argument(
            "--allow-real-data",
            action="store_true",
            help="Add synthetic records even though the database holds real ones.",
        )

    def handle(self, *args, **options):
        for name in ("programs", "participants", "cities", "batch_size"):
            if options[name] < (1 if name == "batch_size" else 0):
                raise CommandError(f"--{name.replace('_', '-')} must not be negative.")
        spec = scale.ScaleSpec(
            programs=options["programs"],
            participants=options["participants"],
            cities=options["cities"],
            seed=options["seed"],
            batch_size=options["batch_size"],
        )
        started = time.monotonic()
        show = options["verbosity"] >= 1
        interactive = show and sys.stderr.isatty()
        last = {"stage": None, "at": 0.0}

        def progress(stage, done, total):
            if not show:
                return
            total = max(total, done)  # the enrollment total is an estimate
            now = time.monotonic()
            if stage != last["stage"] or done >= total or now - last["at"] > (0.2 if interactive else 5):
                if last["stage"] not in (None, stage) and interactive:
                    self.stderr.write("")
                last.update(stage=stage, at=now)
                width = 30
                filled = int(width * done / total) if total else width
                line = f"{stage:<18} [{'#' * filled}{'.' * (width - filled)}] {done:>10,}/{total:,}"
                self.stderr.write(("\r" + line) if interactive else line, ending="")
                if not interactive:
                    self.stderr.write("")

        try:
            written = scale.generate(spec, allow_real=options["allow_real_data"], progress=progress)
        except scale.RealRecordsPresent as error:
            raise CommandError(f"{error} Use a fresh database, or pass --allow-real-data.") from error
        if interactive:
            self.stderr.write("")
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{count:,} {name}" for name, count in written.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {summary} in {elapsed:.1f} s."))
