# ruff: noqa: RUF001, RUF002  (Turkish text: its dotless i is meant)
"""Dates and times in messages to residents are written when the message is rendered, in the
resident's language: "8 December 2026" and "12:19pm" in English, "8 Aralık 2026" and "12:19" in
Turkish. Services pass dates, not text (issue #14)."""

from __future__ import annotations

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from hearth.core import formats
from hearth.core.models import Landlord
from hearth.core.notifications_render import render
from hearth.repairs.models import Appointment
from hearth.repairs.tests.factories import london, make_repair

pytestmark = pytest.mark.django_db


def test_formats_write_dates_and_times_in_the_active_language():
    moment = london(2026, 12, 8, 12, 19)
    with translation.override("en-gb"):
        assert formats.day(date(2026, 12, 8)) == "8 December 2026"
        assert formats.day_with_weekday(date(2026, 12, 8)) == "Tuesday 8 December 2026"
        assert formats.time_of_day(time(12, 19)) == "12:19pm"
        assert formats.time_of_day(time(12, 0)) == "midday"
        assert formats.moment(moment, style="long") == "Tuesday 8 December 2026, 12:19pm"
    with translation.override("tr"):
        assert formats.day(date(2026, 12, 8)) == "8 Aralık 2026"
        assert formats.day_with_weekday(date(2026, 12, 8)) == "Salı 8 Aralık 2026"
        assert formats.time_of_day(time(14, 30)) == "14:30"
        assert formats.time_of_day(time(12, 0)) == "12:00"
        assert formats.moment(moment, style="long") == "Salı 8 Aralık 2026, 12:19"


def _context(**extra):  # type: ignore[no-untyped-def]
    return {"landlord": Landlord.current(), "name": "Ayşe Yılmaz", "channel": "email", **extra}


def _both(purpose: str, channel: str, context: dict) -> tuple[str, str]:  # type: ignore[type-arg]
    english = render(purpose=purpose, channel=channel, language="en-gb", context=context)
    turkish = render(purpose=purpose, channel=channel, language="tr", context=context)
    return english.subject + "\n" + english.body, turkish.subject + "\n" + turkish.body


def test_a_repair_report_gives_its_due_time_in_the_residents_language():
    # An emergency reported at 9:30am on Tuesday 1 December 2026 is due 24 hours later.
    repair = make_repair(reported_at=london(2026, 12, 1, 9, 30), priority="emergency", ref="R-DUE")
    context = _context(repair=repair, case_ref=repair.ref, case_url="https://example.org/r",
                       priority_label="Emergency")  # fmt: skip
    english, turkish = _both("repair_reported", "email", context)
    assert "We aim to finish it by: Wednesday 2 December 2026, 9:30am" in english
    assert "Bitirmeyi hedeflediğimiz tarih: Çarşamba 2 Aralık 2026, 09:30" in turkish
    english, turkish = _both("repair_reported", "sms", context)
    assert "We aim to finish it by Wednesday 2 December 2026, 9:30am." in english
    assert "şu tarihe kadar bitirmeyi hedefliyoruz: Çarşamba 2 Aralık 2026, 09:30." in turkish


def test_an_appointment_is_written_with_its_day_and_time_of_day_in_the_residents_language():
    repair = make_repair(reported_at=london(2026, 11, 23, 9, 30), ref="R-APPT")
    appointment = Appointment.objects.create(
        ref="A-1", repair=repair, date=date(2026, 12, 8), slot="am",
        late_reason="the part is on order", booked_at=timezone.now(),
    )  # fmt: skip
    context = _context(repair=repair, appointment=appointment, case_ref=repair.ref,
                       case_url="https://example.org/r", calendar_url="https://example.org/ics",
                       late_reason=appointment.late_reason, by_resident=False)  # fmt: skip
    english, turkish = _both("repair_appointment_booked", "email", context)
    assert "Repair appointment booked: Tuesday 8 December 2026, Morning (8am to 12 noon)" in english
    assert "Onarım randevunuz alındı: Salı 8 Aralık 2026, Sabah (08:00 ile 12:00 arası)" in turkish
    due = formats.day(repair.due_on)
    assert f"({due})" in english  # the date we promised, late booking
    for purpose in ("repair_appointment_reminder", "repair_appointment_cancelled"):
        english, turkish = _both(purpose, "sms", context)
        assert "Tuesday 8 December 2026, Morning (8am to 12 noon)" in english, purpose
        assert "Salı 8 Aralık 2026, Sabah (08:00 ile 12:00 arası)" in turkish, purpose
        assert "December" not in turkish and "Morning" not in turkish, purpose


def test_a_safety_record_copy_gives_its_dates_in_the_residents_language():
    context = _context(record_name="gas safety record", what="gas appliances",
                       address="Flat 4, 12 Ash Court", outcome="satisfactory",
                       done_on=date(2026, 12, 8), next_due_on=date(2027, 12, 7),
                       check=SimpleNamespace(kind="gas", outcome="satisfactory"))  # fmt: skip
    english, turkish = _both("safety_record_copy", "email", context)
    assert "on 8 December 2026." in english and "due by 7 December 2027." in english
    assert "8 Aralık 2026 tarihinde" in turkish and "en geç 7 Aralık 2027 tarihinde" in turkish


def test_the_welcome_to_a_new_home_gives_the_start_in_the_residents_language():
    context = _context(home="Flat 4, 12 Ash Court", tenancy=SimpleNamespace(ref="T-AYSE"),
                       start=date(2026, 12, 8), payment_reference="PAY-4410")  # fmt: skip
    english, turkish = _both("lettings_welcome", "sms", context)
    assert "Your tenancy starts 8 December 2026." in english
    assert "Kiracılığınız 8 Aralık 2026 tarihinde başlıyor." in turkish
    assert isinstance(context["start"], date) and not isinstance(context["start"], datetime)
