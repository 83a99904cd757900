"""`hearth rent ...`: the rent jobs an administrator runs by hand or from a scheduler.

hearth rent post --week-commencing 2025-04-07     charge every current tenancy for a week
hearth rent post --from 2025-04-07 --to 2025-06-30  every week in a range
hearth rent import-payments KIND FILE             import a payment file (kinds below)
hearth rent check                                 prove every balance equals its ledger
hearth rent refresh-arrears [--since DATE]        re-derive arrears from the ledgers
hearth rent change-rents --effective-from D --increase PCT --reason TEXT
hearth rent statements                            send last quarter's statements now
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.rents.payment_files import FORMATS


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-04-07") from None


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


class Command(BaseCommand):
    help = "Rent jobs: the weekly debit run, payment files, balance checks, rent changes."

    def add_arguments(self, parser: CommandParser) -> None:
        jobs = parser.add_subparsers(dest="job", required=True)
        post = jobs.add_parser("post", help="Charge every current tenancy for a rent week.")
        post.add_argument("--week-commencing", type=_date, help="The Monday the week starts.")
        post.add_argument("--from", dest="start", type=_date, help="First day of a range of weeks.")
        post.add_argument("--to", dest="end", type=_date, help="Last day of a range of weeks.")
        imports = jobs.add_parser("import-payments", help="Import a payment file.")
        imports.add_argument("kind", choices=list(FORMATS), help="What kind of file it is.")
        imports.add_argument("file", type=Path)
        jobs.add_parser("check", help="Check every cached balance equals the sum of its ledger.")
        refresh = jobs.add_parser("refresh-arrears", help="Re-derive arrears from the ledgers.")
        refresh.add_argument("--since", type=_date)
        change = jobs.add_parser("change-rents", help="The annual rent change for every home.")
        change.add_argument("--effective-from", type=_date, required=True)
        change.add_argument("--increase", type=_decimal, required=True, help="Percentage, e.g. 4.8")
        change.add_argument("--reason", required=True)
        jobs.add_parser("statements", help="Send last quarter's statements that are due.")

    def handle(self, *args: Any, **options: Any) -> None:
        job = options["job"].replace("-", "_")
        try:
            getattr(self, f"do_{job}")(**options)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def do_post(self, **options: Any) -> None:
        from hearth.rents.services.debit_run import post_week, post_weeks

        if options["week_commencing"]:
            runs = [post_week(week_commencing=options["week_commencing"])]
        elif options["start"] and options["end"]:
            runs = post_weeks(start=options["start"], end=options["end"])
        else:
            raise CommandError("Give --week-commencing, or --from and --to.")
        for run in runs:
            self.stdout.write(str(run))

    def do_import_payments(self, **options: Any) -> None:
        from hearth.rents.services.payments import PaymentFileRejected, import_payments

        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = import_payments(
                kind=options["kind"], data=path.read_bytes(), filename=path.name
            )
        except PaymentFileRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(rejected)) from None
        self.stdout.write(str(report))

    def do_check(self, **options: Any) -> None:
        from hearth.rents.services.ledger import balance_mismatches

        wrong = balance_mismatches()
        for account_id, cached, ledger in wrong[:50]:
            self.stderr.write(f"account {account_id}: balance £{cached}, ledger £{ledger}")
        if wrong:
            raise CommandError(f"{len(wrong)} balances differ from their ledgers")
        self.stdout.write("Every balance equals the sum of its ledger.")

    def do_refresh_arrears(self, **options: Any) -> None:
        from hearth.rents.services.ledger import after_posting

        after_posting(None, since=options["since"])
        self.stdout.write("Arrears episodes and cases are up to date.")

    def do_change_rents(self, **options: Any) -> None:
        from hearth.rents.services.accounts import change_all_rates

        count = change_all_rates(
            effective_from=options["effective_from"],
            rent_increase_percent=options["increase"],
            reason=options["reason"],
            actor=None,
        )
        self.stdout.write(f"New rents from {options['effective_from']} for {count} homes.")

    def do_statements(self, **options: Any) -> None:
        from hearth.rents.services.statements import send_quarterly_statements

        self.stdout.write(f"{send_quarterly_statements()['sent']} statements sent.")
