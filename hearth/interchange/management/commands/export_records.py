"""`hearth export DIR`: write every record in the interchange layout, ready to import again."""

from __future__ import annotations

from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandParser

from hearth.interchange.context import Progress
from hearth.interchange.progress import TerminalProgress
from hearth.interchange.services import export_folder


class Command(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Spelt as people type it (`hearth export`), not as the module is named.
        return super().create_parser(prog_name, "export", **kwargs)

    # A data command: the site's system checks (URLs, templates) have nothing to say about it,
    # and importing every view to run them adds seconds to every run.
    requires_system_checks: list[str] = []

    help = "Export the records as a folder of CSV files in the interchange layout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="the folder to write (created if need be)")

    def handle(self, *args: Any, **options: Any) -> None:
        progress: Progress | None = (
            TerminalProgress(cast(TextIO, self.stderr._out)) if self.stderr.isatty() else None
        )
        report = export_folder(options["folder"], progress=progress)
        for name, rows in report.rows.items():
            self.stdout.write(f"{name}: {rows} rows")
