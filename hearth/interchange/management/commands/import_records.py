"""`hearth import DIR`: load a folder of interchange CSV files, all or nothing."""

from __future__ import annotations

from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.interchange.context import Progress
from hearth.interchange.progress import TerminalProgress
from hearth.interchange.services import ImportRejected, import_folder


class Command(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Spelt as people type it (`hearth import`), not as the module is named.
        return super().create_parser(prog_name, "import", **kwargs)

    # A data command: the site's system checks (URLs, templates) have nothing to say about it,
    # and importing every view to run them adds seconds to every run.
    requires_system_checks: list[str] = []

    help = (
        "Import a folder of CSV files (estates.csv, blocks.csv, homes.csv, tenancies.csv, ...). "
        "Every problem is listed as file:line: column: what is wrong, and then nothing is "
        "imported. Importing the same folder again updates records, never duplicates them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="the folder holding the CSV files")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check and count what would change, then undo it",
        )
        parser.add_argument(
            "--allow-unsupported",
            action="store_true",
            help="succeed even when files or rows Hearth does not import yet were set aside",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress: Progress | None = (
            TerminalProgress(cast(TextIO, self.stderr._out)) if self.stderr.isatty() else None
        )
        try:
            report = import_folder(options["folder"], dry_run=options["dry_run"], progress=progress)
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(rejected)) from None
        for file_report in report.files:
            self.stdout.write(str(file_report))
        if report.dry_run:
            self.stdout.write("Dry run: nothing was saved.")
        if report.set_aside:
            self.stdout.write("Set aside (Hearth does not import these yet):")
            for item in report.set_aside:
                self.stdout.write(f"  {item}")
            if not options["allow_unsupported"]:
                count = len(report.set_aside)
                raise CommandError(
                    f"{count} file{'s' if count != 1 else ''} or row{'s' if count != 1 else ''} "
                    "set aside; everything else was "
                    f"{'checked' if report.dry_run else 'imported'}. "
                    "Use --allow-unsupported to accept this."
                )
