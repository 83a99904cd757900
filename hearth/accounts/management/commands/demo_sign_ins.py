"""Prints the demo landlord's sign-ins (used by `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hearth.accounts.demo import DEMO_PASSWORD, describe


class Command(BaseCommand):
    help = "List the demo sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = describe()
        if not rows:
            self.stdout.write("No demo sign-ins in this database.")
            return
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for username, who in rows:
            self.stdout.write(f"  {username:<12} {who}")
