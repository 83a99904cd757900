from __future__ import annotations

from datetime import date

from django.db.models import F, IntegerField, Value
from django.db.models.functions import Cast

from hearth.core import calendar, calendar_sql
from hearth.core.models import CalendarDay, ClosureDay


def _days(start: date, end: date):
    return CalendarDay.objects.filter(date__range=(start, end)).order_by("date")


def test_the_database_adds_working_days_exactly_as_the_python_calendar_does(db):
    rows = _days(date(2025, 12, 1), date(2026, 5, 31)).annotate(
        plus1=calendar_sql.add_working_days("date", 1),
        plus5=calendar_sql.add_working_days("date", 5),
        plus20=calendar_sql.add_working_days("date", 20),
    )
    for row in rows:
        assert row.plus1 == calendar.add_working_days(row.date, 1), row.date
        assert row.plus5 == calendar.add_working_days(row.date, 5), row.date
        assert row.plus20 == calendar.add_working_days(row.date, 20), row.date


def test_the_database_takes_the_number_of_days_from_a_field_and_zero_means_the_same_day(db):
    rows = (
        _days(date(2025, 4, 14), date(2025, 4, 27))
        .annotate(
            n=Cast(F("working_index") % 3, IntegerField()),
        )
        .annotate(due=calendar_sql.add_working_days("date", "n"))
    )
    for row in rows:
        assert row.due == calendar.add_working_days(row.date, row.n), (row.date, row.n)


def test_the_database_counts_working_days_elapsed_as_the_python_calendar_does(db):
    rows = _days(date(2025, 3, 1), date(2025, 6, 30)).annotate(
        anchor=Value(date(2025, 3, 3)),
        elapsed=calendar_sql.working_days_between("anchor", "date"),
    )
    for row in rows:
        assert row.elapsed == calendar.working_days_between(date(2025, 3, 3), row.date), row.date


def test_a_new_closure_day_is_seen_by_database_measures_at_once(db):
    before = (
        _days(date(2026, 12, 24), date(2026, 12, 24))
        .annotate(due=calendar_sql.add_working_days("date", 1))[0]
        .due
    )
    ClosureDay.objects.create(date=date(2026, 12, 29), reason="Christmas shutdown")
    after = (
        _days(date(2026, 12, 24), date(2026, 12, 24))
        .annotate(due=calendar_sql.add_working_days("date", 1))[0]
        .due
    )
    assert (before, after) == (date(2026, 12, 29), date(2026, 12, 30))


def test_the_working_day_subqueries_do_not_sort(db):
    # CalendarDay's default ordering would make each lookup "ORDER BY date LIMIT 1".
    rows = ClosureDay.objects.annotate(
        due=calendar_sql.add_working_days("date", 3),
        elapsed=calendar_sql.working_days_between("date", "date"),
    ).order_by()
    assert "ORDER BY" not in str(rows.query).upper()
