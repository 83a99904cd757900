"""Keep open complaints' stored due dates in step with the working-day calendar: a closure day
added or removed moves every due date counted across it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from hearth.core.models import ClosureDay


@receiver([post_save, post_delete], sender=ClosureDay)
def closure_days_changed(**kwargs: Any) -> None:
    from hearth.complaints.queries import refresh_open_clocks

    # Core's receiver (connected first) has already reset the calendar's cache, so the due
    # dates counted here see the change, in the same transaction.
    refresh_open_clocks()
