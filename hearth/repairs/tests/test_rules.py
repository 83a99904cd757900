from __future__ import annotations

from datetime import date
from decimal import Decimal

from hearth.repairs import rules
from hearth.repairs.models import Appointment
from hearth.repairs.tests.factories import london, make_appointment, make_repair

TIMES = rules.PriorityTimes()


def test_priority_deadline_gives_emergencies_24_clock_hours_and_the_rest_working_days():
    assert str(rules.priority_deadline("emergency", TIMES)) == "24 hours"
    assert str(rules.priority_deadline("urgent", TIMES)) == "5 working days"
    assert str(rules.priority_deadline("routine", TIMES)) == "20 working days"
    assert str(rules.priority_deadline("planned", TIMES)) == "60 working days"


def test_priority_deadline_follows_the_landlords_own_times():
    times = rules.PriorityTimes(emergency_hours=4, urgent_days=3, routine_days=15, planned_days=40)
    assert str(rules.priority_deadline("emergency", times)) == "4 hours"
    assert str(rules.priority_deadline("urgent", times)) == "3 working days"


def test_repair_due_dates_for_an_urgent_repair_reported_before_easter_2025_skip_both_bank_holidays(
    db,
):
    # Thursday 17 April 2025; Good Friday 18th and Easter Monday 21st are not working days.
    due = rules.repair_due_dates(
        reported_at=london(2025, 4, 17, 9), priority="urgent", rtr_days=None, times=TIMES
    )
    assert due.due_on == date(2025, 4, 28)
    assert due.due_at is None


def test_repair_due_dates_for_a_report_on_a_saturday_count_from_the_next_working_day(db):
    due = rules.repair_due_dates(
        reported_at=london(2025, 6, 7, 14), priority="urgent", rtr_days=None, times=TIMES
    )
    assert due.due_on == date(2025, 6, 13)  # Mon 9th is the 1st working day, Fri 13th the 5th


def test_repair_due_dates_for_an_emergency_are_24_hours_to_the_minute():
    due = rules.repair_due_dates(
        reported_at=london(2025, 3, 29, 22, 30), priority="emergency", rtr_days=None, times=TIMES
    )
    # The clocks go forward at 1am on 30 March 2025: 24 real hours later is 23:30 BST.
    assert due.due_at is not None
    assert due.due_at.timestamp() - london(2025, 3, 29, 22, 30).timestamp() == 24 * 3600
    assert due.due_at.timestamp() == london(2025, 3, 30, 23, 30).timestamp()


def test_repair_due_dates_take_the_right_to_repair_period_when_it_is_shorter(db):
    due = rules.repair_due_dates(
        reported_at=london(2025, 6, 2, 10), priority="routine", rtr_days=3, times=TIMES
    )
    assert due.rtr_due_on == date(2025, 6, 5)
    assert due.due_on == date(2025, 6, 5)


def test_repair_due_dates_keep_the_priority_when_the_statutory_period_is_longer(db):
    due = rules.repair_due_dates(
        reported_at=london(2025, 6, 2, 10), priority="urgent", rtr_days=7, times=TIMES
    )
    assert due.rtr_due_on == date(2025, 6, 11)
    assert due.due_on == date(2025, 6, 9)


def test_right_to_repair_applies_to_secure_and_introductory_tenants_only():
    assert rules.right_to_repair_applies("secure")
    assert rules.right_to_repair_applies("introductory")
    assert not rules.right_to_repair_applies("leasehold")
    assert not rules.right_to_repair_applies(None)


def test_heating_loss_period_is_1_working_day_in_winter_and_3_in_summer():
    assert rules.heating_loss_period(date(2025, 11, 1)) == 1
    assert rules.heating_loss_period(date(2025, 4, 30)) == 1
    assert rules.heating_loss_period(date(2025, 5, 1)) == 3
    assert rules.heating_loss_period(date(2025, 10, 31)) == 3


def test_right_to_repair_compensation_is_10_pounds_plus_2_a_day_at_most_50():
    due = date(2025, 6, 5)
    assert rules.right_to_repair_compensation(rtr_due_on=due, done_on=date(2025, 6, 5)) == 0
    assert rules.right_to_repair_compensation(rtr_due_on=due, done_on=date(2025, 6, 6)) == Decimal(
        "12.00"
    )
    assert rules.right_to_repair_compensation(rtr_due_on=due, done_on=date(2025, 6, 15)) == Decimal(
        "30.00"
    )
    assert rules.right_to_repair_compensation(rtr_due_on=due, done_on=date(2025, 6, 25)) == Decimal(
        "50.00"
    )
    assert rules.right_to_repair_compensation(rtr_due_on=due, done_on=date(2025, 8, 1)) == Decimal(
        "50.00"
    )


def test_awaab_investigation_due_is_10_working_days_after_becoming_aware(db):
    assert rules.awaab_investigation_due(date(2025, 4, 14)) == date(2025, 4, 30)


def test_awaab_summary_due_is_3_working_days_after_the_investigation(db):
    assert rules.awaab_summary_due(date(2025, 4, 17)) == date(2025, 4, 24)


def test_awaab_safety_work_due_is_5_working_days_after_the_investigation(db):
    # Mon 22 Dec 2025: 23rd, 24th, (Christmas and Boxing Day), 29th, 30th, 31st.
    assert rules.awaab_safety_work_due(date(2025, 12, 22)) == date(2025, 12, 31)


def test_awaab_emergency_due_is_24_hours_after_becoming_aware():
    aware = london(2025, 6, 2, 16, 45)
    assert rules.awaab_emergency_due(aware) == london(2025, 6, 3, 16, 45)


def test_came_within_slot_counts_the_edges_of_the_slot():
    day = date(2025, 6, 3)
    assert rules.came_within_slot(day, "am", london(2025, 6, 3, 8, 0))
    assert rules.came_within_slot(day, "am", london(2025, 6, 3, 12, 0))
    assert not rules.came_within_slot(day, "am", london(2025, 6, 3, 12, 1))
    assert rules.came_within_slot(day, "pm", london(2025, 6, 3, 17, 59))
    assert not rules.came_within_slot(day, "pm", london(2025, 6, 3, 18, 1))
    assert rules.came_within_slot(day, "all_day", london(2025, 6, 3, 9))
    assert not rules.came_within_slot(day, "all_day", london(2025, 6, 4, 9))


# Appointment on Tuesday 3 June 2025, cancelled by us the day before, on the day, the day after.
CANCELLATIONS = [(date(2025, 6, 2), False), (date(2025, 6, 3), True), (date(2025, 6, 4), True)]


def test_cancellation_counts_as_missed_on_or_after_the_appointment_date():
    day = date(2025, 6, 3)
    answers = [
        rules.cancellation_counts_as_missed(appointment_on=day, cancelled_on=cancelled)
        for cancelled, _ in CANCELLATIONS
    ]
    assert answers == [expected for _, expected in CANCELLATIONS]


def test_cancellation_counts_as_missed_q_picks_the_same_appointments_in_the_database(db):
    repair = make_repair(reported_at=london(2025, 6, 2, 9))
    appointments = {
        cancelled: make_appointment(
            repair, date(2025, 6, 3), outcome="cancelled_by_landlord", cancelled_on=cancelled
        )
        for cancelled, _ in CANCELLATIONS
    }

    in_sql = set(
        Appointment.objects.filter(rules.cancellation_counts_as_missed_q()).values_list(
            "pk", flat=True
        )
    )

    in_python = {
        appointment.pk
        for appointment in appointments.values()
        if rules.cancellation_counts_as_missed(
            appointment_on=appointment.date, cancelled_on=appointment.cancelled_on
        )
    }
    assert (
        in_sql
        == in_python
        == {appointments[date(2025, 6, 3)].pk, appointments[date(2025, 6, 4)].pk}
    )


def test_progress_update_due_is_the_next_working_day_after_the_visit(db):
    assert rules.progress_update_due(date(2025, 4, 17)) == date(2025, 4, 22)  # over Easter
    assert rules.progress_update_due(date(2025, 6, 6)) == date(2025, 6, 9)  # Friday -> Monday
