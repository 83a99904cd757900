"""The working-day calendar as query expressions, so measures count inside the database.

Each helper reads `CalendarDay`, which `hearth.core.calendar` fills from the same rules the
Python functions use, so a due date worked out in a query always equals the one on a case page.
Pass the name of a date field or annotation; use `local_date()` first for a timestamp.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, DateField, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import TruncDate

from hearth.core.models import CalendarDay


def local_date(field: str) -> TruncDate:
    """A timestamp's Europe/London calendar date (measures spec: "local dates")."""
    return TruncDate(field, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _index_of(ref: OuterRef) -> Subquery:
    # One row per date (the primary key): no ORDER BY, or the database sorts for nothing.
    return Subquery(
        CalendarDay.objects.filter(date=ref).order_by().values("working_index")[:1],
        output_field=IntegerField(),
    )


def working_index(field: str) -> Subquery:
    """Working days from the table's start up to and including the date in `field`."""
    return _index_of(OuterRef(field))


def working_days_between(start_field: str, end_field: str) -> Combinable:
    """Working days d with start < d <= end (the spec's "working days elapsed")."""
    return working_index(end_field) - working_index(start_field)


def add_working_days(field: str, days: int | str) -> Combinable:
    """The Nth working day after the date in `field`; `days` is a number or a field name.

    N = 0 gives the date itself, as in `hearth.core.calendar.add_working_days`.
    """
    n = Value(days) if isinstance(days, int) else OuterRef(days)
    nth = Subquery(
        # One working day has each index: no ORDER BY (CalendarDay's default is by date).
        CalendarDay.objects.filter(
            is_working=True, working_index=_index_of(OuterRef(OuterRef(field))) + n
        )
        .order_by()
        .values("date")[:1],
        output_field=DateField(),
    )
    if isinstance(days, int):
        return F(field) if days == 0 else nth
    return Case(When(**{days: 0}, then=F(field)), default=nth, output_field=DateField())
