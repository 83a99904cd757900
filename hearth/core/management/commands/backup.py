"""`hearth backup FILE`: a consistent copy of the whole database, taken while Hearth runs
(SQLite's online backup API, or pg_dump for PostgreSQL). See docs/security.md."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hearth.core.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database to FILE (SQLite: online backup; PostgreSQL: pg_dump)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="Where to write the backup.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            written = backup(Path(options["file"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the database to {written}.")
