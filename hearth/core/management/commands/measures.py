"""`hearth measures --from YYYY-MM-DD --to YYYY-MM-DD --format json|csv|table`"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core import measures

FIELDS = ["id", "title", "value", "unit", "numerator", "denominator", "target", "met"]


def _date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--{name}: {value!r} is not a date in the form YYYY-MM-DD") from None


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class Command(BaseCommand):
    help = "Print every measure of the measures spec for a period (both dates inclusive)."
    # A read-only report: Django's system checks (seconds on a busy machine) guard commands
    # that change things, and `hearth check` runs them on demand.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--format", choices=["json", "csv", "table"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        start = _date(options["date_from"], "from")
        end = _date(options["date_to"], "to")
        if end < start:
            raise CommandError("--to must not be before --from")
        result = measures.report(start, end)
        fmt = options["format"]
        if fmt == "json":
            self.stdout.write(json.dumps(result, indent=2))
        elif fmt == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=FIELDS, lineterminator="\n")
            writer.writeheader()
            for row in result["measures"]:
                writer.writerow({k: _cell(row[k]) for k in FIELDS})
        else:
            self._table(result)

    def _table(self, result: dict[str, Any]) -> None:
        from rich.console import Console
        from rich.table import Table

        period = result["period"]
        table = Table(
            title=f"Measures {period['from']} to {period['to']} ({result['homes']} homes)"
        )
        for heading in ("id", "measure", "value", "target", "met", "numerator / denominator"):
            table.add_column(heading)
        for row in result["measures"]:
            value = "—" if row["value"] is None else f"{row['value']} {row['unit']}"
            target = "—" if row["target"] is None else str(row["target"])
            met = {True: "yes", False: "no", None: "—"}[row["met"]]
            counts = (
                "—" if row["numerator"] is None else f"{row['numerator']} / {row['denominator']}"
            )
            table.add_row(row["id"], row["title"], value, target, met, counts)
        buffer = io.StringIO()
        Console(file=buffer, width=160).print(table)
        self.stdout.write(buffer.getvalue(), ending="")
