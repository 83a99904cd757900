"""`hearth worker`: run background tasks (django-tasks' database worker) and, in a thread
beside it, the scheduler of periodic sweeps.

Run as many workers as you like: each task is claimed by one worker, and each sweep runs once
per time slot whichever worker gets there first. `--batch` runs the sweeps that are due once,
then every waiting task, and exits (for running from cron instead of as a service).
"""

from __future__ import annotations

import os
import threading
from argparse import ArgumentParser
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from hearth.core import sweeps


class Command(DbWorkerCommand):
    help = (
        "Run background tasks (sending messages and other queued work) and the periodic "
        "sweeps (outbox retries, reminders, escalations, each area's scheduled work)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-sweeps",
            action="store_true",
            help="Run tasks only; leave the periodic sweeps to other workers.",
        )
        parser.add_argument(
            "--sweep-interval",
            type=float,
            default=30.0,
            help="Seconds between checks for sweeps that are due (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        no_sweeps: bool = options.pop("no_sweeps")
        sweep_interval: float = options.pop("sweep_interval")
        if sweep_interval <= 0:
            sweep_interval = 30.0
        if no_sweeps:
            super().handle(*args, **options)
            return
        if options["batch"]:
            for run in sweeps.run_due_sweeps():
                self.stdout.write(f"Ran sweep {run.name} ({run.slot}): {run.result}")
            super().handle(*args, **options)
            return
        # With --reload the parent process only watches files; the child does the work.
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            super().handle(*args, **options)
            return
        scheduler = sweeps.Scheduler(interval=sweep_interval)
        thread = threading.Thread(target=scheduler.run, name="hearth-sweeps", daemon=True)
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            scheduler.stop()
            thread.join(timeout=5)
