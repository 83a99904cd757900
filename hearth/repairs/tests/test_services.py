from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.contacts.models import Contact
from hearth.core import calendar
from hearth.core.models import Message
from hearth.core.timeline import events_for
from hearth.repairs import services
from hearth.repairs.models import CatalogueItem, DampMould, FollowOn, Repair, SatisfactionAnswer
from hearth.repairs.tests.factories import london


def _item(code: str) -> CatalogueItem:
    return CatalogueItem.objects.get(code=code)


def _report(tenancy, actor, code: str = "K01", **kwargs):  # type: ignore[no-untyped-def]
    return services.raise_repair(
        actor=actor, home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant,
        description=kwargs.pop("description", "The kitchen sink will not drain"),
        channel=kwargs.pop("channel", "portal"), catalogue_item=_item(code), **kwargs,
    )  # fmt: skip


def test_raise_repair_takes_priority_trade_and_right_to_repair_period_from_the_catalogue(
    tenancy, resident
):
    reported = london(2025, 6, 2, 10)  # Monday
    repair = _report(tenancy, resident, "K01", reported_at=reported)
    assert (repair.priority, repair.trade, repair.right_to_repair_days) == ("urgent", "plumber", 3)
    # Urgent is 5 working days (9 June) but a blocked sink's statutory period is 3 (5 June).
    assert repair.due_on == calendar.add_working_days(reported.date(), 3)
    assert repair.rtr_due_on == repair.due_on
    assert repair.status == "open" and repair.block == tenancy.home.block


def test_raise_repair_gives_no_right_to_repair_period_to_a_leaseholder(tenancy, resident):
    tenancy.tenure = "leasehold"
    tenancy.save()
    repair = _report(tenancy, resident, "K01", reported_at=london(2025, 6, 2, 10))
    assert repair.right_to_repair_days is None
    assert repair.due_on == calendar.add_working_days(london(2025, 6, 2).date(), 5)


def test_raise_repair_tells_the_resident_and_logs_the_acknowledgement_as_a_contact(
    tenancy, resident
):
    repair = _report(tenancy, resident)
    message = Message.objects.get(purpose="repair_reported")
    assert message.person == tenancy.lead_tenant and repair.ref in message.body
    contact = Contact.objects.get(case_type="repair", case_ref=repair.ref)
    assert (contact.purpose, contact.channel) == ("acknowledgement", "email")
    assert next(e.verb for e in events_for(repair, resident_view=True)) == "repair_reported"


def test_raise_repair_refuses_a_report_with_no_description_or_no_place(tenancy, officer):
    with pytest.raises(ValidationError) as error:
        services.raise_repair(actor=officer, description=" ", channel="phone")
    assert set(error.value.message_dict) == {"home", "description"}
    assert not Repair.objects.exists()


def test_raise_repair_for_shared_areas_is_against_the_block(tenancy, officer):
    repair = services.raise_repair(
        actor=officer, block=tenancy.home.block, description="Entry phone dead", channel="phone",
        catalogue_item=_item("C01"),
    )  # fmt: skip
    assert repair.is_communal and repair.home is None
    assert repair.owner == officer
    assert not Message.objects.exists()  # nobody to tell


def test_raise_repair_for_damp_and_mould_starts_the_awaab_clocks(tenancy, resident):
    repair = _report(tenancy, resident, "M01", reported_at=london(2025, 11, 3, 9),
                     emergency_hazard=True)  # fmt: skip
    clocks = DampMould.objects.get(repair=repair)
    assert clocks.investigation_due_on == calendar.add_working_days(london(2025, 11, 3).date(), 10)
    assert clocks.made_safe_due_at == london(2025, 11, 4, 9)
    services.record_damp_mould_step(repair=repair, actor=resident, step="investigated",
                                    on=london(2025, 11, 10).date(), significant_hazard=True)  # fmt: skip
    clocks.refresh_from_db()
    assert clocks.summary_due_on == calendar.add_working_days(london(2025, 11, 10).date(), 3)
    assert clocks.safety_work_due_on == calendar.add_working_days(london(2025, 11, 10).date(), 5)


def test_change_priority_works_the_due_date_out_again_from_the_report(tenancy, officer):
    repair = _report(tenancy, officer, "K07", reported_at=london(2025, 6, 2, 10))
    assert repair.due_on == calendar.add_working_days(london(2025, 6, 2).date(), 20)
    repair = services.change_priority(repair=repair, priority="urgent", actor=officer)
    assert repair.due_on == calendar.add_working_days(london(2025, 6, 2).date(), 5)


def _next_working_day(n: int = 1):  # type: ignore[no-untyped-def]
    return calendar.add_working_days(timezone.localdate(), n)


def test_book_appointment_takes_a_place_and_refuses_the_slot_once_it_is_full(
    tenancy, other_tenancy, resident, officer, plumber
):
    day = _next_working_day()
    first = _report(tenancy, resident)
    second = _report(other_tenancy, officer)
    third = _report(tenancy, resident)
    services.book_appointment(repair=first, day=day, slot="am", actor=resident)
    services.book_appointment(repair=second, day=day, slot="all_day", actor=officer)
    with pytest.raises(ValidationError) as error:
        services.book_appointment(repair=third, day=day, slot="am", actor=resident)
    assert "full" in str(error.value)
    services.book_appointment(repair=third, day=day, slot="pm", actor=resident)


def test_book_appointment_sends_a_confirmation_with_a_calendar_link(tenancy, resident, plumber):
    repair = _report(tenancy, resident)
    appointment = services.book_appointment(
        repair=repair, day=_next_working_day(), slot="pm", actor=resident
    )
    message = Message.objects.get(purpose="repair_appointment_booked")
    assert "/repairs/calendar/" in message.body and appointment.get_slot_display() in message.body


def test_book_appointment_refuses_a_weekend_a_past_day_and_a_second_booking(
    tenancy, resident, plumber
):
    repair = _report(tenancy, resident)
    today = timezone.localdate()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    for day in (saturday, today - timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.book_appointment(repair=repair, day=day, slot="am", actor=resident)
    services.book_appointment(repair=repair, day=_next_working_day(), slot="am", actor=resident)
    with pytest.raises(ValidationError):
        services.book_appointment(
            repair=repair, day=_next_working_day(2), slot="am", actor=resident
        )


def test_reschedule_by_the_resident_cancels_the_old_appointment_on_their_side(
    tenancy, resident, plumber
):
    repair = _report(tenancy, resident)
    old = services.book_appointment(
        repair=repair, day=_next_working_day(), slot="am", actor=resident
    )
    new = services.reschedule_appointment(appointment=old, day=_next_working_day(2), slot="pm",
                                          actor=resident, by_resident=True)  # fmt: skip
    old.refresh_from_db()
    assert (old.outcome, old.cancelled_on) == ("cancelled_by_resident", timezone.localdate())
    assert new.outcome == "pending" and new.date == _next_working_day(2)


def test_record_visit_with_further_work_creates_the_follow_on_and_updates_the_resident_at_once(
    tenancy, resident, operative, plumber
):
    repair = _report(tenancy, resident, reported_at=timezone.now() - timedelta(days=3))
    visit = services.record_visit(
        repair=repair, actor=operative, outcome="further_work",
        further_work="The waste pipe is cracked and needs replacing", further_trade="plumber",
        materials="40mm waste pipe",
    )  # fmt: skip
    follow_on = FollowOn.objects.get(visit=visit)
    assert follow_on.trade == "plumber" and follow_on.materials == "40mm waste pipe"
    assert visit.update_due_on == calendar.add_working_days(timezone.localdate(), 1)
    assert Message.objects.filter(purpose="repair_further_work").count() == 1
    update = Contact.objects.get(case_ref=repair.ref, purpose="progress_update")
    assert update.contacted_on == timezone.localdate()
    repair.refresh_from_db()
    assert repair.status == "open"


def test_record_visit_settles_the_appointment_kept_inside_the_slot_and_missed_outside_it(
    tenancy, other_tenancy, resident, officer, operative, plumber
):
    day = _next_working_day()
    inside = _report(tenancy, resident)
    outside = _report(other_tenancy, officer)
    a1 = services.book_appointment(repair=inside, day=day, slot="am", actor=resident)
    a2 = services.book_appointment(repair=outside, day=day, slot="am", actor=officer)
    zone = timezone.get_default_timezone()
    at_ten = timezone.datetime(day.year, day.month, day.day, 10, tzinfo=zone)
    at_two = timezone.datetime(day.year, day.month, day.day, 14, tzinfo=zone)
    # Recorded as if it were that day (the visit must not be in the future).
    with _frozen(at_two + timedelta(hours=1)):
        services.record_visit(
            repair=inside, actor=operative, outcome="completed", visited_at=at_ten
        )
        services.record_visit(repair=outside, actor=operative, outcome="no_access", visited_at=at_two,
                              card_left=True)  # fmt: skip
    a1.refresh_from_db()
    a2.refresh_from_db()
    assert (a1.outcome, a2.outcome) == ("kept", "missed")
    inside.refresh_from_db()
    assert inside.status == "completed" and inside.completed_at == at_ten
    assert Message.objects.filter(purpose="repair_completed").count() == 1
    assert Message.objects.filter(purpose="repair_no_access").count() == 1


def test_record_visit_refuses_a_visit_before_the_repair_was_reported(tenancy, resident, operative):
    repair = _report(tenancy, resident)
    with pytest.raises(ValidationError) as error:
        services.record_visit(repair=repair, actor=operative, outcome="completed",
                              visited_at=repair.reported_at - timedelta(minutes=1))  # fmt: skip
    assert "visited_at" in error.value.message_dict


def test_mark_missed_appointments_marks_past_booked_appointments_with_no_visit(tenancy, resident):
    from hearth.repairs.tests.factories import make_appointment

    repair = _report(tenancy, resident)
    stale = make_appointment(repair, timezone.localdate() - timedelta(days=1))
    assert services.mark_missed_appointments(before=timezone.localdate()) == 1
    stale.refresh_from_db()
    assert stale.outcome == "missed"


def test_day_before_reminders_go_once_per_appointment(tenancy, resident, plumber):
    repair = _report(tenancy, resident)
    day = _next_working_day()
    services.book_appointment(
        repair=repair, day=day, slot="am", actor=resident, check_capacity=False
    )
    zone = timezone.get_default_timezone()
    evening_before = timezone.datetime.combine(
        day - timedelta(days=1), timezone.datetime.min.time(), tzinfo=zone
    ) + timedelta(hours=18)
    services.send_day_before_reminders(now=evening_before)
    services.send_day_before_reminders(now=evening_before)
    assert Message.objects.filter(purpose="repair_appointment_reminder").count() == 1


def test_cancel_repair_cancels_its_booked_appointments(tenancy, resident, officer, plumber):
    repair = _report(tenancy, resident)
    appointment = services.book_appointment(repair=repair, day=_next_working_day(), slot="am",
                                            actor=resident)  # fmt: skip
    services.cancel_repair(repair=repair, actor=officer, reason="Reported twice")
    appointment.refresh_from_db()
    repair.refresh_from_db()
    assert repair.status == "cancelled" and appointment.outcome == "cancelled_by_landlord"


def test_satisfaction_is_kept_once_per_completed_repair(tenancy, resident, officer):
    repair = _report(tenancy, resident)
    with pytest.raises(ValidationError):
        services.record_satisfaction(repair=repair, actor=resident, answer="very_satisfied")
    services.complete_repair(repair=repair, actor=officer)
    repair.refresh_from_db()
    services.record_satisfaction(repair=repair, actor=resident, answer="fairly_satisfied")
    with pytest.raises(ValidationError):
        services.record_satisfaction(repair=repair, actor=resident, answer="very_satisfied")
    assert SatisfactionAnswer.objects.get(repair=repair).answer == "fairly_satisfied"


class _frozen:
    """Pretend it is `moment` (timezone.now is read through django.utils.timezone)."""

    def __init__(self, moment):  # type: ignore[no-untyped-def]
        self.moment = moment

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._patch = pytest.MonkeyPatch()
        self._patch.setattr(timezone, "now", lambda: self.moment)
        return self

    def __exit__(self, *exc):  # type: ignore[no-untyped-def]
        self._patch.undo()
