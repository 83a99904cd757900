"""`hearth sweep [NAME] [--now]`: run periodic sweeps once, by hand.

Without `--now` a sweep runs only if no worker has run it in the current time slot, so running
this beside `hearth worker` never doubles anything. `--now` runs it regardless (sweeps are
idempotent: a reminder already sent is not sent again).
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.core import sweeps
from hearth.core.models import SweepRun


class Command(BaseCommand):
    help = "Run periodic sweeps once (all of them, or the one named). --list shows them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("name", nargs="?", help="The sweep to run (default: every sweep).")
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run even if a worker has already run it in the current time slot.",
        )
        parser.add_argument(
            "--list",
            action="store_true",
            dest="show_list",
            help="List the sweeps and their last runs.",
        )

    def handle(
        self, *args: Any, name: str | None, now: bool, show_list: bool, **options: Any
    ) -> None:
        registry = sweeps.registered()
        if show_list:
            self._list(registry)
            return
        if name is not None and name not in registry:
            raise CommandError(f"No sweep called {name!r}. Sweeps: {', '.join(registry)}.")
        for found in [registry[name]] if name else registry.values():
            run = sweeps.run_sweep(found.name, force=now)
            if run is None:
                self.stdout.write(
                    f"{found.name}: already run in this slot ({found.slot(timezone.now())}); "
                    "use --now to run it again."
                )
            elif "error" in run.result:
                self.stderr.write(f"{found.name}: failed: {run.result['error']}")
            else:
                self.stdout.write(f"{found.name}: done {run.result}")

    def _list(self, registry: dict[str, sweeps.Sweep]) -> None:
        for found in registry.values():
            last = SweepRun.objects.filter(name=found.name).order_by("-started_at").first()
            when = (
                f"last run {timezone.localtime(last.started_at):%Y-%m-%d %H:%M} {last.result}"
                if last
                else "never run"
            )
            self.stdout.write(f"{found.name} (every {found.every}): {found.description} [{when}]")
