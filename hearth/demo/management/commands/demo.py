"""`hearth demo [--homes N] [--years Y] [--seed S] [--today YYYY-MM-DD] [--if-empty]`"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hearth.demo.build import build
from hearth.estates.models import Home


class Command(BaseCommand):
    help = (
        "Build a deterministic synthetic landlord (the same seed and day give the same landlord)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--homes", type=int, default=2000)
        parser.add_argument("--years", type=int, default=1, help="years of history")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--today", help="the day the history runs up to (default: today)")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if there are homes already"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["homes"] < 1 or options["years"] < 1:
            raise CommandError("--homes and --years must be at least 1")
        if Home.objects.exists():
            if options["if_empty"]:
                self.stdout.write(
                    "The database already has homes: the demo landlord was not loaded again."
                )
                return
            raise CommandError(
                "The database already has homes. The demo landlord goes into an empty database."
            )
        try:
            today = (
                date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError:
            raise CommandError("--today must be a date in the form YYYY-MM-DD") from None
        started = time.monotonic()
        if sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:

                def progress(description: str, total: int) -> Callable[[int], None]:
                    task = bar.add_task(description, total=total)
                    return lambda n: bar.advance(task, n)

                ctx = build(
                    homes=options["homes"],
                    years=options["years"],
                    seed=options["seed"],
                    today=today,
                    progress=progress,
                    log=bar.console.print,
                )
        else:
            # Not a terminal (a log file, CI): a plain line per step on stderr instead of a bar.
            ctx = build(
                homes=options["homes"],
                years=options["years"],
                seed=options["seed"],
                today=today,
                log=lambda line: print(line, file=sys.stderr, flush=True),
            )
        self.stdout.write(
            f"Demo landlord loaded: {len(ctx.home_ids)} homes, {len(ctx.tenancy_ids)} tenancies "
            f"in {time.monotonic() - started:.1f}s."
        )
