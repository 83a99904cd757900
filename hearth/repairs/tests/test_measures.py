"""Each repair measure against a hand-worked example: the 24-hour edge, weekends, Easter 2025,
cancelled repairs, and completions either side of a period boundary (in London time)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from hearth.contacts.services import record_contact
from hearth.core.measures import Counts, Period, report
from hearth.repairs import measures
from hearth.repairs.tests.factories import london, make_appointment, make_repair, make_visit

APRIL = Period(date(2025, 4, 1), date(2025, 4, 30))
JUNE = Period(date(2025, 6, 1), date(2025, 6, 30))


def test_rp02_emergency_counts_completion_at_exactly_24_hours_as_on_time_and_a_second_later_as_late(
    db,
):
    make_repair(
        priority="emergency",
        reported_at=london(2025, 4, 10, 10),
        status="completed",
        completed_at=london(2025, 4, 11, 10),
    )  # on the edge: met
    make_repair(
        priority="emergency",
        reported_at=london(2025, 4, 10, 10),
        status="completed",
        completed_at=london(2025, 4, 11, 10, 0, 1),
    )  # one second late
    make_repair(
        priority="emergency",
        reported_at=london(2025, 3, 31, 9),
        status="completed",
        completed_at=london(2025, 4, 1, 8),
    )  # reported last period, completed in this: met
    make_repair(
        priority="emergency",
        reported_at=london(2025, 3, 31, 8),
        status="completed",
        completed_at=london(2025, 3, 31, 23, 30),
    )  # 31 March in London: not in April
    make_repair(
        priority="emergency",
        reported_at=london(2025, 4, 30, 10),
        status="completed",
        completed_at=london(2025, 4, 30, 23, 30),
    )  # 22:30 UTC, still 30 April: met
    make_repair(
        priority="emergency",
        reported_at=london(2025, 4, 2, 10),
        status="cancelled",
        completed_at=london(2025, 4, 2, 11),
    )  # cancelled: never counted
    make_repair(priority="emergency", reported_at=london(2025, 4, 29, 10))  # still open
    make_repair(
        priority="urgent",
        reported_at=london(2025, 4, 10, 10),
        status="completed",
        completed_at=london(2025, 4, 11, 10),
    )  # not an emergency
    assert measures.emergency_on_time(APRIL) == Counts(3, 4)


def test_rp02_emergency_counts_24_real_hours_across_the_clocks_going_forward(db):
    # 22:30 GMT on 29 March 2025 + 24 hours = 23:30 BST on 30 March.
    make_repair(
        priority="emergency",
        reported_at=london(2025, 3, 29, 22, 30),
        status="completed",
        completed_at=london(2025, 3, 30, 23, 15),
    )  # 23h45m later: met
    make_repair(
        priority="emergency",
        reported_at=london(2025, 3, 29, 22, 30),
        status="completed",
        completed_at=london(2025, 3, 30, 23, 45),
    )  # 24h15m later: late
    assert measures.emergency_on_time(Period(date(2025, 3, 1), date(2025, 3, 31))) == Counts(1, 2)


def test_rp02_non_emergency_uses_working_days_over_easter_weekends_and_the_period_boundary(db):
    # Urgent, reported Thursday 17 April 2025: 5 working days skip Good Friday, the weekend
    # and Easter Monday, so it is due Monday 28 April.
    make_repair(
        priority="urgent",
        reported_at=london(2025, 4, 17, 9),
        status="completed",
        completed_at=london(2025, 4, 28, 17),
    )  # on the due date: met
    make_repair(
        priority="urgent",
        reported_at=london(2025, 4, 17, 9),
        status="completed",
        completed_at=london(2025, 4, 29, 8),
    )  # a day late
    # Routine, reported Saturday 1 March: due Friday 28 March (20th working day).
    make_repair(
        priority="routine",
        reported_at=london(2025, 3, 1, 11),
        status="completed",
        completed_at=london(2025, 4, 1, 0, 30),
    )  # 1 April in London: counted, late
    make_repair(
        priority="routine",
        reported_at=london(2025, 3, 1, 11),
        status="completed",
        completed_at=london(2025, 3, 31, 23, 30),
    )  # 31 March in London: not counted
    # Routine with a 3-day Right to Repair period, reported Monday 14 April: due Thursday 17th.
    make_repair(
        priority="routine",
        rtr_days=3,
        reported_at=london(2025, 4, 14, 9),
        status="completed",
        completed_at=london(2025, 4, 22, 10),
    )  # late (RTR)
    make_repair(
        priority="urgent",
        reported_at=london(2025, 4, 1, 9),
        status="cancelled",
        completed_at=london(2025, 4, 2, 9),
    )  # cancelled
    make_repair(
        priority="emergency",
        reported_at=london(2025, 4, 1, 9),
        status="completed",
        completed_at=london(2025, 4, 1, 12),
    )  # emergency: the other measure
    assert measures.non_emergency_on_time(APRIL) == Counts(1, 4)


def test_first_visit_fix_looks_at_the_first_visit_where_we_got_in(db):
    done = {"status": "completed", "completed_at": london(2025, 6, 20, 12)}
    fixed = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    make_visit(fixed, london(2025, 6, 3, 9), "no_access")
    make_visit(fixed, london(2025, 6, 4, 9), "completed")
    second_time = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    make_visit(second_time, london(2025, 6, 3, 9), "further_work")
    make_visit(second_time, london(2025, 6, 10, 9), "completed")
    never_in = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    make_visit(never_in, london(2025, 6, 3, 9), "no_access")
    make_repair(reported_at=london(2025, 6, 2, 9), **done)  # no visits recorded at all
    cancelled = make_repair(reported_at=london(2025, 6, 2, 9), status="cancelled",
                            completed_at=london(2025, 6, 20, 12))  # fmt: skip
    make_visit(cancelled, london(2025, 6, 3, 9), "completed")
    last_period = make_repair(reported_at=london(2025, 5, 2, 9), status="completed",
                              completed_at=london(2025, 5, 20, 12))  # fmt: skip
    make_visit(last_period, london(2025, 5, 3, 9), "completed")
    assert measures.first_visit_fix(JUNE) == Counts(1, 2)


def test_appointments_offered_counts_any_appointment_booked_for_a_non_emergency_repair(db):
    done = {"status": "completed", "completed_at": london(2025, 6, 20, 12)}
    offered = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    make_appointment(offered, date(2025, 6, 5), outcome="cancelled_by_resident",
                     cancelled_on=date(2025, 6, 4))  # fmt: skip
    make_repair(reported_at=london(2025, 6, 2, 9), **done)  # none offered
    make_repair(
        priority="emergency",
        reported_at=london(2025, 6, 2, 9),
        status="completed",
        completed_at=london(2025, 6, 2, 18),
    )  # emergencies are not counted
    assert measures.appointments_offered(JUNE) == Counts(1, 2)


def test_appointments_kept_counts_a_late_cancellation_by_us_as_missed(db):
    repair = make_repair(reported_at=london(2025, 5, 20, 9))
    make_appointment(repair, date(2025, 6, 3), outcome="kept")
    make_appointment(repair, date(2025, 6, 4), outcome="missed")
    make_appointment(
        repair, date(2025, 6, 5), outcome="cancelled_by_landlord", cancelled_on=date(2025, 6, 5)
    )  # on the day: missed
    make_appointment(
        repair, date(2025, 6, 30), outcome="cancelled_by_landlord", cancelled_on=date(2025, 7, 1)
    )  # after the day: missed
    make_appointment(
        repair, date(2025, 6, 6), outcome="cancelled_by_landlord", cancelled_on=date(2025, 6, 2)
    )  # days before: neither
    make_appointment(repair, date(2025, 6, 9), outcome="cancelled_by_resident",
                     cancelled_on=date(2025, 6, 9))  # fmt: skip
    make_appointment(repair, date(2025, 6, 10), outcome="pending")
    make_appointment(repair, date(2025, 5, 30), outcome="kept")  # last period
    make_appointment(repair, date(2025, 7, 1), outcome="missed")  # next period
    cancelled = make_repair(reported_at=london(2025, 5, 20, 9), status="cancelled")
    make_appointment(cancelled, date(2025, 6, 3), outcome="missed")  # cancelled repair
    assert measures.appointments_kept(JUNE) == Counts(1, 4)


def _contact(repair, on, *, direction="outbound", case_type="repair"):  # type: ignore[no-untyped-def]
    record_contact(case_type=case_type, case_ref=repair.ref, channel="phone",
                   purpose="progress_update", contacted_on=on, direction=direction)  # fmt: skip


def test_progress_updates_need_a_contact_within_1_working_day_of_every_further_work_visit(db):
    done = {"status": "completed", "completed_at": london(2025, 6, 20, 12)}
    # Friday 6 June: the next working day is Monday 9 June.
    monday = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    make_visit(monday, london(2025, 6, 6, 15), "further_work")
    _contact(monday, date(2025, 6, 9))
    tuesday = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    make_visit(tuesday, london(2025, 6, 6, 15), "further_work")
    _contact(tuesday, date(2025, 6, 10))  # too late
    one_missed = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    make_visit(one_missed, london(2025, 6, 2, 11), "further_work")
    _contact(one_missed, date(2025, 6, 2))
    make_visit(one_missed, london(2025, 6, 12, 11), "further_work")  # never followed up
    # Thursday 17 April 2025: over Easter the next working day is Tuesday 22 April.
    easter = make_repair(reported_at=london(2025, 4, 14, 9), **done)
    make_visit(easter, london(2025, 4, 17, 10), "further_work")
    _contact(easter, date(2025, 4, 22))
    inbound_only = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    make_visit(inbound_only, london(2025, 6, 3, 10), "further_work")
    _contact(inbound_only, date(2025, 6, 3), direction="inbound")  # the resident rang us
    _contact(inbound_only, date(2025, 6, 3), case_type="complaint")  # about something else
    before_visit = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    _contact(before_visit, date(2025, 6, 3))
    make_visit(before_visit, london(2025, 6, 4, 10), "further_work")  # contact came before
    first_time = make_repair(reported_at=london(2025, 6, 2, 9), **done)
    make_visit(first_time, london(2025, 6, 3, 10), "completed")  # no further work: not counted
    assert measures.progress_updates(JUNE) == Counts(2, 6)


def test_every_repair_measure_is_in_the_report_with_its_numbers(db):
    repair = make_repair(priority="urgent", reported_at=london(2025, 6, 2, 9),
                         status="completed", completed_at=london(2025, 6, 3, 9))  # fmt: skip
    make_appointment(repair, date(2025, 6, 3), outcome="kept")
    make_visit(repair, london(2025, 6, 3, 9), "completed")
    found = {m["id"]: m for m in report(date(2025, 6, 1), date(2025, 6, 30))["measures"]}
    assert found["RP02.non_emergency"]["value"] == 100.0
    assert found["RP02.emergency"]["value"] is None
    assert found["repairs.first_visit_fix"]["numerator"] == 1
    assert found["repairs.appointments_offered"]["denominator"] == 1
    assert found["repairs.appointments_kept"]["value"] == 100.0
    assert found["repairs.progress_updates"]["denominator"] == 0


def test_recording_further_work_through_the_service_keeps_the_progress_update_promise(
    tenancy, resident, operative
):
    from hearth.repairs import services

    repair = services.raise_repair(
        actor=resident, home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant,
        description="Sink blocked", channel="portal", reported_at=timezone.now() - timedelta(days=2),
    )  # fmt: skip
    services.record_visit(repair=repair, actor=operative, outcome="further_work",
                          further_work="New trap needed", visited_at=timezone.now() - timedelta(days=1))  # fmt: skip
    services.record_visit(repair=repair, actor=operative, outcome="completed")
    today = timezone.localdate()
    period = Period(today - timedelta(days=7), today)
    assert measures.progress_updates(period) == Counts(1, 1)
    assert measures.first_visit_fix(period) == Counts(0, 1)


def test_repair_measures_can_be_counted_for_one_block_or_estate(db):
    from hearth.core.measures import Scope
    from hearth.estates.tests.factories import HomeFactory

    north, south = HomeFactory(), HomeFactory()
    # North: one emergency on time; South: one a second late.
    make_repair(home=north, priority="emergency", reported_at=london(2025, 4, 10, 10), status="completed", completed_at=london(2025, 4, 11, 10))  # fmt: skip
    make_repair(home=south, priority="emergency", reported_at=london(2025, 4, 10, 10), status="completed", completed_at=london(2025, 4, 11, 10, 0, 1))  # fmt: skip
    whole = report(APRIL.start, APRIL.end, only=["RP02.emergency"])["measures"][0]
    assert (whole["numerator"], whole["denominator"]) == (1, 2)
    for home, expected in ((north, (1, 1)), (south, (0, 1))):
        for scope in (Scope(block_id=home.block_id), Scope(estate_id=home.block.estate_id)):
            found = report(APRIL.start, APRIL.end, only=["RP02.emergency"], scope=scope)["measures"][0]  # fmt: skip
            assert (found["numerator"], found["denominator"]) == expected
