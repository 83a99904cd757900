"""Issue #15: promises a repair must keep and answers that cannot all be true.

Late appointments (item 3), heating and hot water for households at risk from the cold (4),
visits the Ombudsman would accept (6) and contradictory ticks (7), through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.core import calendar
from hearth.core.models import Message
from hearth.core.timeline import events_for
from hearth.repairs import queries, rules, services
from hearth.repairs.models import CatalogueItem, Priority, Repair
from hearth.repairs.tests.factories import london
from hearth.repairs.work import repairs_due
from hearth.tenancies.models import SupportNeed, TenancyMember
from hearth.tenancies.tests.factories import PersonFactory


def _item(code: str) -> CatalogueItem:
    return CatalogueItem.objects.get(code=code)


def _report(tenancy, actor, code: str = "K01", **kwargs):  # type: ignore[no-untyped-def]
    return services.raise_repair(
        actor=actor, home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant,
        description=kwargs.pop("description", "The kitchen sink will not drain"),
        channel=kwargs.pop("channel", "phone"), catalogue_item=_item(code) if code else None,
        **kwargs,
    )  # fmt: skip


def _summaries(repair: Repair) -> list[str]:
    return [e.summary for e in events_for(repair)]


# -- 3. Late bookings ---------------------------------------------------------------------------


def test_a_slot_after_the_due_date_is_late_by_the_rule():
    # Due Friday 4 December 2026: that day is in time, Monday 7 December is late.
    assert not rules.appointment_is_late(day=date(2026, 12, 4), due_on=date(2026, 12, 4))
    assert rules.appointment_is_late(day=date(2026, 12, 7), due_on=date(2026, 12, 4))


def test_booking_after_the_due_date_needs_a_reason_and_the_resident_is_told_honestly(
    tenancy, coordinator, plumber
):
    repair = _report(tenancy, coordinator, "K01")  # blocked sink: 3 working days
    late_day = calendar.add_working_days(repair.due_on, 2)
    with pytest.raises(ValidationError) as refused:
        services.book_appointment(repair=repair, day=late_day, slot="am", actor=coordinator)
    assert "late_reason" in refused.value.message_dict
    assert not repair.appointments.exists()

    appointment = services.book_appointment(
        repair=repair, day=late_day, slot="am", actor=coordinator,
        late_reason="The resident is away until then",
    )  # fmt: skip
    assert appointment.late_reason == "The resident is away until then"
    booked = [s for s in _summaries(repair) if s.startswith("Appointment booked")]
    assert "after the date we promised" in booked[0]
    assert "The resident is away until then" in booked[0]
    message = Message.objects.get(purpose="repair_appointment_booked")
    assert "after the date we promised to fix your repair by" in message.body
    assert "The resident is away until then" in message.body

    # The coordinator's queue shows it under its own filter; an in-time booking does not.
    on_time = _report(tenancy, coordinator, "K01", description="Second sink")
    services.book_appointment(repair=on_time, day=on_time.due_on, slot="pm", actor=coordinator)
    late = list(queries.queue({"flag": "late_appointment"}))
    assert late == [repair]


def test_an_in_time_booking_says_nothing_about_lateness(tenancy, coordinator, plumber):
    repair = _report(tenancy, coordinator, "K01")
    services.book_appointment(repair=repair, day=repair.due_on, slot="am", actor=coordinator)
    message = Message.objects.get(purpose="repair_appointment_booked")
    assert "promised" not in message.body
    assert repair.appointments.get().late_reason == ""


def test_moving_an_appointment_past_the_due_date_needs_a_reason_first(
    tenancy, coordinator, plumber
):
    repair = _report(tenancy, coordinator, "K01")
    first = services.book_appointment(repair=repair, day=repair.due_on, slot="am",
                                      actor=coordinator)  # fmt: skip
    later = calendar.add_working_days(repair.due_on, 1)
    with pytest.raises(ValidationError):
        services.reschedule_appointment(appointment=first, day=later, slot="am",
                                        actor=coordinator, by_resident=True)  # fmt: skip
    first.refresh_from_db()
    assert first.outcome == "pending"  # nothing changed


# -- 4. Heating and hot water -------------------------------------------------------------------


def test_heating_loss_is_an_emergency_in_winter_for_a_household_at_risk():
    winter, summer = date(2026, 12, 3), date(2026, 6, 3)
    assert rules.heating_loss_is_emergency(on=winter, no_heating_or_hot_water=True, at_risk=True)
    assert not rules.heating_loss_is_emergency(on=summer, no_heating_or_hot_water=True,
                                               at_risk=True)  # fmt: skip
    assert not rules.heating_loss_is_emergency(on=winter, no_heating_or_hot_water=True,
                                               at_risk=False)  # fmt: skip
    assert not rules.heating_loss_is_emergency(on=winter, no_heating_or_hot_water=False,
                                               at_risk=True)  # fmt: skip
    # October and April are in; May and September are not.
    for day, expected in ((date(2026, 10, 1), True), (date(2026, 4, 30), True),
                          (date(2026, 5, 1), False), (date(2026, 9, 30), False)):  # fmt: skip
        assert (
            rules.heating_loss_is_emergency(on=day, no_heating_or_hot_water=True, at_risk=True)
            is expected
        )


def test_who_is_at_risk_from_the_cold():
    on = date(2026, 12, 3)
    # Born 4 December 2021: 4 years old on 3 December 2026, 5 the next day.
    assert rules.at_risk_from_cold(birth_dates=[date(2021, 12, 4)], on=on, vulnerable=False)
    assert not rules.at_risk_from_cold(birth_dates=[date(2021, 12, 3)], on=on, vulnerable=False)
    # Born 3 December 1961: 65 that day. Born 4 December 1961: still 64.
    assert rules.at_risk_from_cold(birth_dates=[date(1961, 12, 3)], on=on, vulnerable=False)
    assert not rules.at_risk_from_cold(birth_dates=[date(1961, 12, 4)], on=on, vulnerable=False)
    assert rules.at_risk_from_cold(birth_dates=[None, date(1990, 1, 1)], on=on, vulnerable=True)
    assert not rules.at_risk_from_cold(birth_dates=[None, date(1990, 1, 1)], on=on,
                                       vulnerable=False)  # fmt: skip


def _add_member(tenancy, born: date):  # type: ignore[no-untyped-def]
    person = PersonFactory(full_name="Baby Resident", date_of_birth=born)
    TenancyMember.objects.create(tenancy=tenancy, person=person, role="household_member")
    return person


def test_no_heating_with_a_baby_at_home_in_december_is_an_emergency(tenancy, coordinator):
    _add_member(tenancy, date(2025, 3, 1))
    winter = _report(tenancy, coordinator, "H01", description="No heating",
                     reported_at=london(2025, 12, 3, 9))  # fmt: skip
    assert winter.priority == Priority.EMERGENCY
    assert winter.due_at == london(2025, 12, 4, 9)
    assert any("Emergency: no heating or hot water" in s for s in _summaries(winter))
    summer = _report(tenancy, coordinator, "H01", description="No heating",
                     reported_at=london(2025, 6, 3, 9))  # fmt: skip
    assert summer.priority == Priority.URGENT


def test_a_recorded_support_need_or_the_residents_answer_makes_it_an_emergency(
    tenancy, coordinator
):
    plain = _report(tenancy, coordinator, "H01", reported_at=london(2025, 12, 3, 9))
    assert plain.priority == Priority.URGENT
    told = _report(tenancy, coordinator, "H01", reported_at=london(2025, 12, 3, 9),
                   told_at_risk_from_cold=True)  # fmt: skip
    assert told.priority == Priority.EMERGENCY
    SupportNeed.objects.create(person=tenancy.lead_tenant, kind="medical", description="COPD")
    recorded = _report(tenancy, coordinator, "H01", reported_at=london(2025, 12, 3, 9))
    assert recorded.priority == Priority.EMERGENCY
    # "Something else" with heating lost, as the resident answered the question.
    other = _report(tenancy, coordinator, None, description="Boiler shows F28",
                    reported_at=london(2025, 12, 3, 9), no_heating_or_hot_water=True)  # fmt: skip
    assert other.priority == Priority.EMERGENCY
    # Staff who choose the priority themselves keep it.
    chosen = _report(tenancy, coordinator, "H01", reported_at=london(2025, 12, 3, 9),
                     priority=Priority.URGENT)  # fmt: skip
    assert chosen.priority == Priority.URGENT


# -- 6. Visits ----------------------------------------------------------------------------------


def test_no_access_needs_evidence(tenancy, coordinator):
    repair = _report(tenancy, coordinator, "K01")
    with pytest.raises(ValidationError) as refused:
        services.record_visit(repair=repair, actor=coordinator, outcome="no_access")
    assert "card_left" in refused.value.message_dict
    visit = services.record_visit(repair=repair, actor=coordinator, outcome="no_access",
                                  phoned=True)  # fmt: skip
    assert visit.phoned and not visit.card_left


def test_a_visit_cannot_be_recorded_earlier_than_the_last_one(tenancy, coordinator):
    repair = _report(tenancy, coordinator, "K01", reported_at=london(2025, 6, 2, 8))
    services.record_visit(repair=repair, actor=coordinator, outcome="no_access", card_left=True,
                          visited_at=london(2025, 6, 3, 12, 30))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.record_visit(repair=repair, actor=coordinator, outcome="no_access",
                              card_left=True, visited_at=london(2025, 6, 3, 9, 30))  # fmt: skip
    assert refused.value.message_dict["visited_at"] == [
        "The visit cannot be earlier than the last visit recorded on this repair, at "
        "3 June 2025, 12:30pm"
    ]


def test_three_no_access_visits_by_different_means_go_to_the_officer(tenancy, coordinator, officer):
    repair = _report(tenancy, officer, "K01", reported_at=london(2025, 6, 2, 8))
    assert repair.owner == officer
    for hour in (9, 10):
        services.record_visit(repair=repair, actor=coordinator, outcome="no_access",
                              card_left=True, visited_at=london(2025, 6, 3, hour))  # fmt: skip
    repair.refresh_from_db()
    assert repair.no_access_escalated_at is None
    # A third card only: the same means three times is not enough.
    services.record_visit(repair=repair, actor=coordinator, outcome="no_access", card_left=True,
                          visited_at=london(2025, 6, 4, 9))  # fmt: skip
    repair.refresh_from_db()
    assert repair.no_access_escalated_at is None
    services.record_visit(repair=repair, actor=coordinator, outcome="no_access", phoned=True,
                          visited_at=london(2025, 6, 5, 9))  # fmt: skip
    repair.refresh_from_db()
    assert repair.no_access_escalated_at is not None
    assert any(s.startswith("No access 4 times") for s in _summaries(repair))
    titles = [w.title for w in repairs_due(officer, until=timezone.localdate())]
    assert f"Reach the resident: no access 3 times on {repair.ref}" in titles
    assert list(queries.queue({"flag": "no_access"})) == [repair]


def test_a_repair_to_the_same_home_and_trade_within_30_days_is_a_repeat(tenancy, coordinator):
    first = _report(tenancy, coordinator, "K01", reported_at=london(2025, 6, 2, 8))
    services.record_visit(repair=first, actor=coordinator, outcome="completed",
                          visited_at=london(2025, 6, 3, 10))  # fmt: skip
    # 3 June to 3 July is 30 days: a repeat. 4 July is 31: not.
    repeat = _report(tenancy, coordinator, "K01", reported_at=london(2025, 7, 3, 18))
    assert repeat.repeat_of == first
    assert any(s.startswith(f"Repeat: the same trade completed {first.ref}")
               for s in _summaries(repeat))  # fmt: skip
    later = _report(tenancy, coordinator, "K01", reported_at=london(2025, 7, 4, 8))
    assert later.repeat_of is None
    electrics = _report(tenancy, coordinator, "E01", reported_at=london(2025, 6, 10, 8))
    assert electrics.repeat_of is None  # another trade
    assert set(queries.queue({"flag": "repeat"})) == {repeat}


def test_the_resident_confirms_the_fix_or_it_reopens(tenancy, coordinator, resident):
    repair = _report(tenancy, coordinator, "K01", reported_at=london(2025, 6, 2, 8))
    services.record_visit(repair=repair, actor=coordinator, outcome="completed",
                          visited_at=london(2025, 6, 3, 10))  # fmt: skip
    message = Message.objects.get(purpose="repair_completed")
    assert f"/repairs/{repair.ref}/fixed/" in message.body
    with pytest.raises(ValidationError) as refused:
        services.resident_confirms_fix(repair=repair, actor=resident, fixed=False)
    assert "note" in refused.value.message_dict
    services.resident_confirms_fix(repair=repair, actor=resident, fixed=False,
                                   note="Still not draining")  # fmt: skip
    repair.refresh_from_db()
    assert repair.status == "open" and repair.completed_at is None
    assert any(s.startswith("Reopened: the resident says it is not fixed") for s in
               _summaries(repair))  # fmt: skip
    # Completed again: asked again, and this time it is fixed.
    services.record_visit(repair=repair, actor=coordinator, outcome="completed",
                          visited_at=timezone.now() - timedelta(minutes=1))  # fmt: skip
    assert Message.objects.filter(purpose="repair_completed").count() == 2
    services.resident_confirms_fix(repair=repair, actor=resident, fixed=True)
    repair.refresh_from_db()
    assert repair.status == "completed" and repair.fix_confirmed_at is not None
    with pytest.raises(ValidationError):
        services.resident_confirms_fix(repair=repair, actor=resident, fixed=False, note="x")


# -- 7. Contradictory ticks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"emergency_hazard": True}, "emergency_hazard"),
        ({"emergency_hazard": True, "damp_or_mould": False}, "emergency_hazard"),
        ({"emergency_hazard": True, "damp_or_mould": True, "priority": "routine"}, "priority"),
        ({"code": "C01"}, "catalogue_item"),
    ],
)
def test_contradictory_answers_are_refused_on_the_field(tenancy, coordinator, kwargs, field):
    code = kwargs.pop("code", "K01")
    with pytest.raises(ValidationError) as refused:
        _report(tenancy, coordinator, code, **kwargs)
    assert field in refused.value.message_dict
    assert not Repair.objects.exists()


def test_a_shared_areas_repair_cannot_be_recharged_or_be_a_home_item(tenancy, coordinator):
    block = tenancy.home.block
    for kwargs, field in (({"rechargeable": True, "item": None}, "rechargeable"),
                          ({"item": _item("K01")}, "catalogue_item")):  # fmt: skip
        item = kwargs.pop("item")
        with pytest.raises(ValidationError) as refused:
            services.raise_repair(actor=coordinator, block=block, description="Shared areas",
                                  channel="phone", catalogue_item=item, **kwargs)  # fmt: skip
        assert field in refused.value.message_dict


def test_an_emergency_hazard_about_damp_makes_the_repair_an_emergency(tenancy, coordinator):
    repair = _report(tenancy, coordinator, None, description="Black mould over the cot",
                     damp_or_mould=True, emergency_hazard=True)  # fmt: skip
    assert repair.priority == Priority.EMERGENCY
    assert repair.damp_mould.emergency


def test_the_no_access_and_repeat_rules():
    card, call, photo = (frozenset({m}) for m in ("card", "call", "photo"))
    assert not rules.no_access_escalates([card, call])  # only two visits
    assert not rules.no_access_escalates([card, card, card])  # one means only
    assert rules.no_access_escalates([card, card, call])
    assert rules.no_access_escalates([card | photo, card, card])
    # Completed 3 November 2026: 3 December is day 30 (a repeat), 4 December day 31 (not).
    done = date(2026, 11, 3)
    assert rules.is_repeat(reported_on=date(2026, 12, 3), previous_completed_on=done)
    assert not rules.is_repeat(reported_on=date(2026, 12, 4), previous_completed_on=done)
    assert rules.is_repeat(reported_on=done, previous_completed_on=done)
