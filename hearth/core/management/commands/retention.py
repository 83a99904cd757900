"""`hearth retention [--dry-run] [--today YYYY-MM-DD]`: anonymise closed records past their
retention period (`hearth.core.retention`; periods in docs/security.md)."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.core import retention


class Command(BaseCommand):
    help = "Anonymise closed records past their retention period; --dry-run lists them first."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list what would be anonymised."
        )
        parser.add_argument("--today", help="Count from this day (YYYY-MM-DD) instead of today.")

    def handle(self, *args: Any, dry_run: bool, today: str | None, **options: Any) -> None:
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today {today!r} is not a date like 2026-12-08") from None
        if dry_run:
            lines = retention.schedule(today=day)
            self.stdout.write("Dry run: nothing is changed. Would anonymise:")
        else:
            lines = retention.apply(today=day)
            self.stdout.write("Anonymised:")
        for line in lines:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Total: {sum(line.count for line in lines)}")
