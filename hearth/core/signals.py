"""Keep the calendar's cache and its table in step with the landlord's closure days."""

from __future__ import annotations

from typing import Any

from django.core.signals import request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from hearth.core import calendar
from hearth.core.models import ClosureDay


@receiver([post_save, post_delete], sender=ClosureDay)
def closure_days_changed(**kwargs: Any) -> None:
    # Rebuilt in the same transaction, so the table can never disagree with the rows, and the
    # version moved on in it too, so every other process reads the closure days again.
    calendar.bump_version()
    calendar.reset_cache()
    calendar.rebuild_calendar_table()
    transaction.on_commit(calendar.reset_cache)


@receiver(request_started)
def check_the_calendar(**kwargs: Any) -> None:
    # Each request sees closure days saved by any other process up to its start.
    calendar.check_for_changes()


@receiver(post_migrate)
def fill_calendar_table(sender: Any, **kwargs: Any) -> None:
    if getattr(sender, "label", None) != "core":
        return
    from hearth.core.models import CalendarDay

    calendar.reset_cache()
    using = kwargs.get("using", "default")
    if not CalendarDay.objects.using(using).exists():
        calendar.rebuild_calendar_table()
