"""Which repairs get Awaab's Law's clocks (the hazard list building safety keeps, read through
core's hazard registry), and the void works priority lettings' works orders use."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hearth.core import hazards
from hearth.repairs import services
from hearth.repairs.models import DampMould, RepairSettings
from hearth.repairs.tests.factories import london
from hearth.safety.services import set_hazard_phase_start

pytestmark = pytest.mark.django_db


def _report(tenancy, actor, *, at, **kwargs):  # type: ignore[no-untyped-def]
    return services.raise_repair(
        actor=actor, home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant,
        description="Cold all winter: the heating cannot keep the flat warm", channel="phone",
        reported_at=at, **kwargs,
    )  # fmt: skip


def test_a_phase_2_hazard_gets_the_clocks_only_from_the_day_phase_2_came_in(tenancy, officer):
    # Phase 2 is entered as 27 October 2026.
    before = _report(tenancy, officer, at=london(2026, 10, 26, 9), hazard="excess_cold")
    after = _report(tenancy, officer, at=london(2026, 10, 27, 9), hazard="excess_cold")

    assert before.hazard == "excess_cold"
    assert not DampMould.objects.filter(repair=before).exists()
    # 10 working days from Tuesday 27 October 2026: 28-30 October, 2-6 and 9-10 November.
    assert DampMould.objects.get(repair=after).investigation_due_on == date(2026, 11, 10)


def test_the_landlord_moves_phase_2_and_repairs_follow(tenancy, officer, manager):
    set_hazard_phase_start(actor=manager, phase=2, in_force_from=date(2026, 9, 1))

    repair = _report(tenancy, officer, at=london(2026, 9, 1, 9), hazard="falls")

    assert DampMould.objects.filter(repair=repair).exists()
    assert hazards.in_scope("falls", on=date(2026, 8, 31)) is False


def test_phase_2_cannot_start_before_phase_1(manager):
    with pytest.raises(ValidationError) as refused:
        set_hazard_phase_start(actor=manager, phase=2, in_force_from=date(2025, 1, 1))
    assert "27 October 2025" in str(refused.value)


def test_damp_and_mould_before_awaabs_law_came_in_gets_no_clocks(tenancy, officer):
    repair = _report(tenancy, officer, at=london(2025, 10, 24, 9), damp_or_mould=True)
    assert repair.hazard == "damp_mould"
    assert not DampMould.objects.filter(repair=repair).exists()


def test_an_unknown_hazard_is_refused(tenancy, officer):
    with pytest.raises(ValidationError) as refused:
        _report(tenancy, officer, at=london(2026, 11, 2, 9), hazard="lightning")
    assert "hazard" in refused.value.message_dict


def test_without_a_hazard_list_damp_and_mould_still_gets_its_clocks(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(hazards, "_sources", hazards.Registry("empty"))
    assert [h.code for h in hazards.hazards()] == ["damp_mould", "emergency"]
    assert hazards.in_scope("damp_mould", on=date(2025, 10, 27))
    assert not hazards.in_scope("excess_cold", on=date(2027, 1, 1))


def test_void_works_have_their_own_priority_and_the_landlord_sets_its_days(
    tenancy, officer, admin_user
):  # type: ignore[no-untyped-def]
    # 10 working days from Monday 2 March 2026: 3-6, 9-13 and 16 March.
    repair = _report(tenancy, officer, at=london(2026, 3, 2, 10), priority="void")
    assert (repair.priority, repair.due_on) == ("void", date(2026, 3, 16))

    current = RepairSettings.current()
    services.update_repair_settings(
        actor=admin_user, emergency_hours=current.emergency_hours, urgent_days=current.urgent_days,
        routine_days=current.routine_days, planned_days=current.planned_days, void_days=5,
        spend_limits={},
    )  # fmt: skip
    repair = _report(tenancy, officer, at=london(2026, 3, 2, 10), priority="void")
    assert repair.due_on == date(2026, 3, 9)
