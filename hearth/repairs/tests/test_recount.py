"""A closure day added or removed moves the due dates open repairs store (worked by hand: June
2025 has no bank holidays; Good Friday 18 and Easter Monday 21 April 2025 are)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hearth.core import services as core_services
from hearth.core.timeline import events_for
from hearth.repairs import services
from hearth.repairs.models import CatalogueItem, DampMould, Repair
from hearth.repairs.tests.factories import london, make_repair, make_visit


def _close(day: date, admin_user):  # type: ignore[no-untyped-def]
    return core_services.add_closure_day(day=day, reason="Office move", actor=admin_user)


def _fresh(repair: Repair) -> Repair:
    return Repair.objects.get(pk=repair.pk)


def test_a_closure_day_pushes_a_routine_repair_one_working_day_and_removing_it_brings_it_back(
    admin_user,
):
    # Routine, 20 working days from Monday 2 June 2025: 3-6, 9-13, 16-20, 23-27 and 30 June.
    repair = make_repair(reported_at=london(2025, 6, 2, 10), priority="routine")
    assert repair.due_on == date(2025, 6, 30)

    closure = _close(date(2025, 6, 11), admin_user)
    assert _fresh(repair).due_on == date(2025, 7, 1)

    core_services.remove_closure_day(closure_day=closure, actor=admin_user)
    assert _fresh(repair).due_on == date(2025, 6, 30)


def test_the_right_to_repair_period_and_the_due_date_it_sets_both_move(tenancy, admin_user):
    # A blocked sink (K01): urgent, but its statutory period is 3 working days from Monday 2
    # June, so both dates are Thursday 5 June; with Wednesday 4 June closed, Friday 6 June.
    repair = services.raise_repair(
        actor=admin_user, home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant,
        description="The kitchen sink will not drain", channel="phone",
        catalogue_item=CatalogueItem.objects.get(code="K01"), reported_at=london(2025, 6, 2, 10),
    )  # fmt: skip
    assert (repair.due_on, repair.rtr_due_on) == (date(2025, 6, 5), date(2025, 6, 5))

    _close(date(2025, 6, 4), admin_user)

    moved = _fresh(repair)
    assert (moved.due_on, moved.rtr_due_on) == (date(2025, 6, 6), date(2025, 6, 6))
    assert "Now due 6 June 2025: 4 June 2025 is a closure day" in [
        e.summary for e in events_for(moved)
    ]


def test_a_repair_keeps_the_priority_time_it_was_raised_with_when_the_calendar_moves_it(
    admin_user,
):
    repair = make_repair(reported_at=london(2025, 6, 2, 10), priority="routine")  # 30 June
    services.update_repair_settings(
        actor=admin_user, emergency_hours=24, urgent_days=5, routine_days=30, planned_days=60,
        spend_limits={"manager": Decimal("1000")},
    )  # fmt: skip

    _close(date(2025, 6, 11), admin_user)

    # One working day later than 30 June, not 30 working days from the report.
    assert _fresh(repair).due_on == date(2025, 7, 1)


def test_repairs_the_closure_day_does_not_fall_within_do_not_move(admin_user):
    emergency = make_repair(reported_at=london(2025, 6, 10, 9), priority="emergency")
    reported_that_day = make_repair(reported_at=london(2025, 6, 11, 9), priority="urgent")
    due_before = make_repair(reported_at=london(2025, 6, 2, 9), priority="urgent")
    done = make_repair(
        reported_at=london(2025, 6, 2, 9),
        priority="routine",
        status="completed",
        completed_at=london(2025, 6, 20, 12),
    )
    # Emergency: 24 hours, so 11 June; urgent from 11 June: 12, 13, 16, 17 and 18 June; urgent
    # from 2 June: 3, 4, 5, 6 and 9 June; the completed one was due 30 June.
    expected = [date(2025, 6, 11), date(2025, 6, 18), date(2025, 6, 9), date(2025, 6, 30)]
    repairs = [emergency, reported_that_day, due_before, done]
    assert [r.due_on for r in repairs] == expected

    _close(date(2025, 6, 11), admin_user)

    assert [_fresh(r).due_on for r in repairs] == expected


def test_awaabs_law_clocks_and_progress_updates_move_with_the_calendar(tenancy, admin_user):
    repair = services.raise_repair(
        actor=admin_user, home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant,
        description="Black mould on the bedroom wall", channel="phone",
        catalogue_item=CatalogueItem.objects.get(code="M01"), reported_at=london(2025, 12, 15, 9),
    )  # fmt: skip
    # (After Awaab's Law came in on 27 October 2025.) 10 working days from Monday 15 December,
    # over Christmas: 16-19, 22-24, 29-31 December.
    assert DampMould.objects.get(repair=repair).investigation_due_on == date(2025, 12, 31)
    # A further-work visit on Thursday 18 December owes an update by Friday 19 December.
    visit = make_visit(repair, london(2025, 12, 18, 11), outcome="further_work")
    assert visit.update_due_on == date(2025, 12, 19)

    _close(date(2025, 12, 19), admin_user)

    # One working day later: 2 January (New Year's Day is a bank holiday); the update by
    # Monday 22 December.
    assert DampMould.objects.get(repair=repair).investigation_due_on == date(2026, 1, 2)
    visit.refresh_from_db()
    assert visit.update_due_on == date(2025, 12, 22)
