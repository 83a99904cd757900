"""`hearth restore FILE`: replace the whole database with a backup from `hearth backup`.
Stop the web server and workers first. See docs/security.md."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hearth.core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace the whole database with the backup in FILE. Stop Hearth first."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="A backup written by `hearth backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing everything."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            answer = input("This replaces every record in the database. Type 'restore' to go on: ")
            if answer.strip() != "restore":
                raise CommandError("Nothing was changed.")
        try:
            restore(Path(options["file"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database from {options['file']}.")
