from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.core.timeline import events_for
from hearth.repairs import services
from hearth.repairs.models import Rate, Recharge, RepairSettings
from hearth.repairs.services.costs import committed_cost
from hearth.repairs.tests.factories import london, make_repair


@pytest.fixture
def rate(db):  # type: ignore[no-untyped-def]
    return Rate.objects.create(code="PL101", description="Clear blocked waste", unit="each",
                               unit_price=Decimal("85.50"), trade="plumber")  # fmt: skip


def test_a_line_from_the_schedule_of_rates_is_priced_at_its_unit_price(operative, rate):
    repair = make_repair(reported_at=london(2025, 6, 2, 9))
    line = services.add_cost_line(repair=repair, actor=operative, rate=rate, quantity=Decimal("2"))
    assert (line.code, line.unit_price, line.total) == (
        "PL101",
        Decimal("85.50"),
        Decimal("171.00"),
    )
    assert committed_cost(repair) == Decimal("171.00")


def test_spend_above_the_roles_limit_waits_for_a_managers_approval(operative, manager, rate):
    repair = make_repair(reported_at=london(2025, 6, 2, 9))
    services.add_cost_line(repair=repair, actor=operative, rate=rate, quantity=Decimal("2"))
    # The operative's limit is £250: a third unit takes the repair to £256.50.
    over = services.add_cost_line(repair=repair, actor=operative, rate=rate, quantity=Decimal("1"))
    assert over.approval is not None and over.approval.amount == Decimal("256.50")
    assert committed_cost(repair) == Decimal("171.00")
    with pytest.raises(PermissionDenied):
        services.decide_spend_approval(approval=over.approval, actor=operative, approve=True)
    services.decide_spend_approval(approval=over.approval, actor=manager, approve=True,
                                   note="Pipe run is longer than usual")  # fmt: skip
    assert committed_cost(repair) == Decimal("256.50")
    verbs = [e.verb for e in events_for(repair)]
    assert "spend_approval_requested" in verbs and "spend_approved" in verbs
    # Up to the approved amount, no new approval is needed.
    repair.refresh_from_db()
    assert repair.approved_spend == Decimal("256.50")


def test_spend_limits_are_the_landlords_to_change(operative, rate):
    settings = RepairSettings.current()
    settings.spend_limits = {"operative": "1000.00"}
    settings.save()
    repair = make_repair(reported_at=london(2025, 6, 2, 9))
    line = services.add_cost_line(repair=repair, actor=operative, rate=rate, quantity=Decimal("5"))
    assert line.approval is None


def test_a_refused_spend_does_not_count_towards_the_cost(operative, manager, rate):
    repair = make_repair(reported_at=london(2025, 6, 2, 9))
    over = services.add_cost_line(repair=repair, actor=operative, rate=rate, quantity=Decimal("4"))
    services.decide_spend_approval(approval=over.approval, actor=manager, approve=False)
    assert committed_cost(repair) == Decimal("0.00")


def test_a_recharge_defaults_to_the_repairs_cost_and_is_told_to_the_resident_when_charged(
    tenancy, manager, rate
):
    repair = make_repair(reported_at=london(2025, 6, 2, 9), home=tenancy.home, tenancy=tenancy)
    services.add_cost_line(repair=repair, actor=manager, rate=rate, quantity=Decimal("1"))
    recharge = services.raise_recharge(repair=repair, actor=manager, reason="Nappies flushed")
    assert recharge.amount == Decimal("85.50")
    services.decide_recharge(recharge=recharge, actor=manager, charge=True)
    assert Recharge.objects.get(pk=recharge.pk).status == "charged"
    from hearth.core.models import Message

    assert Message.objects.filter(purpose="repair_recharge").count() == 1


def test_import_rates_loads_a_csv_and_updates_rates_by_code(officer, rate):
    data = (
        b"code,description,unit,unit_price,trade\n"
        b"PL101,Clear blocked waste,each,90.00,plumber\n"
        b"EL201,Replace socket,each,45,electrician\n"
    )
    result = services.import_rates(data=data, actor=officer)
    assert (result.created, result.updated, result.problems) == (1, 1, [])
    assert Rate.objects.get(code="PL101").unit_price == Decimal("90.00")


def test_import_rates_reports_every_problem_and_changes_nothing(officer, rate):
    data = (
        b"code,description,unit_price,trade\n"
        b"PL101,Clear blocked waste,lots,plumber\n"
        b",No code,10,\n"
        b"XX1,Bad trade,10,wizard\n"
    )
    result = services.import_rates(data=data, actor=officer)
    assert len(result.problems) == 3
    assert "line 2: unit_price" in result.problems[0]
    assert Rate.objects.get(code="PL101").unit_price == Decimal("85.50")
    assert Rate.objects.count() == 1


def test_a_cost_line_needs_a_positive_quantity(operative, rate):
    repair = make_repair(reported_at=london(2025, 6, 2, 9))
    with pytest.raises(ValidationError):
        services.add_cost_line(repair=repair, actor=operative, rate=rate, quantity=Decimal("0"))
