"""Dates, times and money as GOV.UK writes them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from hearth.core import formats


def test_a_date_is_day_month_year_without_a_leading_zero():
    assert formats.day(date(2026, 12, 8)) == "8 December 2026"
    assert formats.day_with_weekday(date(2026, 12, 8)) == "Tuesday 8 December 2026"
    assert formats.short_day(date(2026, 12, 8)) == "8 Dec 2026"


def test_a_time_is_12_hour_with_am_or_pm_and_no_full_stops():
    assert formats.time_of_day(time(12, 19)) == "12:19pm"
    assert formats.time_of_day(time(9, 0)) == "9am"
    assert formats.time_of_day(time(9, 5)) == "9:05am"
    assert formats.time_of_day(time(17, 30)) == "5:30pm"
    assert formats.time_of_day(time(12, 0)) == "midday"
    assert formats.time_of_day(time(0, 0)) == "midnight"


def test_a_moment_is_shown_in_london_time():
    # 12:19 UTC on 8 December is 12:19 in London (GMT); on 8 June it is 13:19 (BST).
    assert formats.moment(datetime(2026, 12, 8, 12, 19, tzinfo=UTC)) == "8 December 2026, 12:19pm"
    assert formats.moment(datetime(2026, 6, 8, 12, 19, tzinfo=UTC), style="short") == (
        "8 Jun 2026, 1:19pm"
    )
    assert formats.moment(datetime(2026, 12, 7, 23, 30, tzinfo=UTC), style="long") == (
        "Monday 7 December 2026, 11:30pm"
    )


def test_every_template_has_the_filters_without_loading_them():
    rendered = Template(
        "{{ d|govuk_date }} | {{ d|govuk_day }} | {{ d|govuk_short_date }} | {{ t|govuk_datetime }}"
        " | {{ nothing|govuk_date }}."
    ).render(
        Context(
            {
                "d": date(2026, 12, 8),
                "t": datetime(2026, 12, 8, 12, 19, tzinfo=UTC),
                "nothing": None,
            }
        )
    )
    assert rendered == (
        "8 December 2026 | Tuesday 8 December 2026 | 8 Dec 2026 | 8 December 2026, 12:19pm | ."
    )


def test_money_is_pounds_and_pence_with_a_thousands_comma_in_every_language():
    assert formats.money(Decimal("1250")) == "£1,250.00"
    assert formats.money(Decimal("-5.5")) == "-£5.50"
    assert formats.money(0.1) == "£0.10"
    assert formats.money(None) == ""
    assert formats.money("not a number") == "not a number"
    with translation.override("tr"):
        rendered = Template("{{ a|money }} {% load rent_tags %}{{ a|money }}").render(
            Context({"a": Decimal("1234.5")})
        )
    assert rendered == "£1,234.50 £1,234.50"


def test_a_label_is_put_in_lower_case_the_way_its_language_does():
    assert formats.lower("Online form") == "online form"
    with translation.override("tr"):
        assert formats.lower("\u0130nternet formu") == "internet formu"
        assert formats.lower("I\u015eIK") == "\u0131\u015f\u0131k"
