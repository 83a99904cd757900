"""The register behind the dashboard: each home's or block's state on a day."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.estates.tests.factories import BlockFactory, EstateFactory, HomeFactory
from hearth.safety import queries
from hearth.safety.models import CheckType
from hearth.safety.tests.factories import SafetyCheckFactory
from hearth.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 1)


def _type(code: str) -> CheckType:
    return CheckType.objects.get(code=code)


def test_each_home_is_in_date_due_soon_or_overdue_and_a_never_checked_home_is_overdue() -> None:
    estate = EstateFactory()
    block = BlockFactory(estate=estate)
    in_date = HomeFactory(block=block)
    SafetyCheckFactory(home=in_date, done_on=date(2026, 1, 1), next_due_on=date(2027, 1, 1))
    due_soon = HomeFactory(block=block)
    SafetyCheckFactory(home=due_soon, done_on=date(2025, 7, 1), next_due_on=date(2026, 7, 1))
    lapsed = HomeFactory(block=block)
    SafetyCheckFactory(home=lapsed, done_on=date(2025, 5, 1), next_due_on=date(2026, 5, 1))
    never = HomeFactory(block=block)
    HomeFactory(gas_supply=False)

    states = dict(queries.register(_type("gas"), on=ON).values_list("pk", "state"))
    assert states == {
        in_date.pk: "in_date",
        due_soon.pk: "due_soon",
        lapsed.pk: "overdue",
        never.pk: "overdue",
    }
    row = queries.summary(_type("gas"), on=ON, estate=estate.pk)
    assert (row.in_scope, row.in_date, row.overdue, row.due_soon, row.no_access) == (4, 2, 2, 1, 0)
    overdue = queries.drilldown(_type("gas"), on=ON, state="overdue", block=block.pk)
    assert {h.pk for h in overdue} == {lapsed.pk, never.pk}


def test_the_overdue_drill_down_lists_exactly_the_homes_and_blocks_whose_state_is_overdue() -> None:
    """The drill-down finds overdue places without working out every place's state; these
    are the cases its shortcut must agree with the state on."""
    block = BlockFactory(has_communal_areas=True)
    homes, blocks = [], []

    def home(*checks: dict[str, object]) -> None:
        place = HomeFactory(block=block)
        for fields in checks:
            SafetyCheckFactory(home=place, **fields)
        homes.append(place.pk)

    def communal(*checks: dict[str, object]) -> None:
        place = BlockFactory(has_communal_areas=True)
        for fields in checks:
            SafetyCheckFactory(kind="fire_risk", home=None, block=place, **fields)
        blocks.append(place.pk)

    for place in (home, communal):  # each kind of place gets the same histories
        place({"done_on": date(2026, 1, 1), "next_due_on": date(2027, 1, 1)})  # in date
        place({"done_on": date(2025, 7, 1), "next_due_on": date(2026, 7, 1)})  # due soon
        place({"done_on": date(2025, 6, 1), "next_due_on": ON})  # due on the day
        place({"done_on": date(2025, 5, 1), "next_due_on": date(2026, 5, 31)})  # lapsed
        place()  # never checked
        # Lapsed, then no access: overdue with no access.
        place({"done_on": date(2025, 5, 1), "next_due_on": date(2026, 5, 1)},
              {"done_on": date(2026, 5, 20), "next_due_on": date(2027, 5, 20),
               "outcome": "no_access"})  # fmt: skip
        # Lapsed, and the next check is done after the day: still overdue on the day.
        place({"done_on": date(2025, 5, 1), "next_due_on": date(2026, 5, 1)},
              {"done_on": date(2026, 6, 2), "next_due_on": date(2027, 6, 2)})  # fmt: skip
        # Lapsed, then checked again in time: in date.
        place({"done_on": date(2025, 5, 1), "next_due_on": date(2026, 5, 1)},
              {"done_on": date(2026, 5, 2), "next_due_on": date(2027, 5, 2)})  # fmt: skip
        # An unsatisfactory check still counts as done.
        place({"done_on": date(2026, 2, 1), "next_due_on": date(2027, 2, 1),
               "outcome": "unsatisfactory"})  # fmt: skip

    for code, places in (("gas", homes), ("fire_risk", blocks)):
        check_type = _type(code)
        by_state = (
            queries.register(check_type, on=ON)
            .filter(pk__in=places, state__in=queries.FILTERS["overdue"])
            .values_list("pk", "state")
        )
        drilled = queries.drilldown(check_type, on=ON, state="overdue").filter(pk__in=places)
        assert list(drilled.values_list("pk", "state")) == list(by_state)
        # Lapsed, never checked, lapsed then no access, lapsed and checked after the day.
        expected = [places[3], places[4], places[5], places[6]]
        assert sorted(drilled.values_list("pk", flat=True)) == expected
        assert dict(drilled.values_list("pk", "state"))[places[5]] == "no_access"


def test_smoke_alarms_fall_due_again_when_a_new_tenancy_starts() -> None:
    home = HomeFactory()
    SafetyCheckFactory(kind="smoke_alarm", home=home, done_on=date(2026, 1, 10),
                       next_due_on=date(2027, 1, 10))  # fmt: skip
    TenancyFactory(home=home, start_date=date(2026, 5, 4))

    row = queries.register(_type("smoke_alarm"), on=ON).get(pk=home.pk)
    assert (row.due, row.state) == (date(2026, 5, 4), "overdue")


def test_a_block_with_two_lifts_and_one_examined_is_overdue_and_counts_one_lift_of_two() -> None:
    block = BlockFactory(has_lift=True, lifts=2)
    SafetyCheckFactory(kind="lift", home=None, block=block, asset_ref="L1",
                       done_on=date(2026, 3, 1), next_due_on=date(2026, 9, 1))  # fmt: skip

    row = queries.register(_type("lift"), on=ON).get(pk=block.pk)
    assert row.state == "overdue"
    summary = queries.summary(_type("lift"), on=ON)
    assert (summary.in_scope, summary.in_date, summary.overdue) == (2, 1, 1)


def test_upcoming_lists_checks_due_in_the_next_90_days_soonest_first() -> None:
    first = HomeFactory(gas_supply=False)
    SafetyCheckFactory(kind="electrical", home=first, done_on=date(2021, 7, 1),
                       next_due_on=date(2026, 7, 1))  # fmt: skip
    second = HomeFactory(gas_supply=False)
    SafetyCheckFactory(kind="electrical", home=second, done_on=date(2021, 6, 15),
                       next_due_on=date(2026, 6, 15))  # fmt: skip
    later = HomeFactory(gas_supply=False)
    SafetyCheckFactory(kind="electrical", home=later, done_on=date(2021, 9, 1),
                       next_due_on=date(2026, 9, 1))  # fmt: skip

    found = [(i["place"].pk, i["due"]) for i in queries.upcoming(on=ON)]
    assert found == [(second.pk, date(2026, 6, 15)), (first.pk, date(2026, 7, 1))]


def test_awaab_hazards_come_into_scope_on_their_start_dates() -> None:
    assert queries.hazard_in_scope("damp_mould", reported_on=date(2025, 10, 27))
    assert not queries.hazard_in_scope("excess_cold", reported_on=date(2026, 6, 1))
    assert queries.hazard_in_scope("excess_cold", reported_on=date(2026, 10, 27))
    assert not queries.hazard_in_scope("no_such_hazard", reported_on=date(2026, 10, 27))


def test_the_ageing_of_open_actions_names_each_risk_level() -> None:
    # Found by the link crawl (issue #15): the counts' own "risk" (a bare string) replaced the
    # level, so the dashboard's links by risk had no text.
    from hearth.safety.models import RemedialAction, RiskLevel

    check = SafetyCheckFactory(home=HomeFactory(), done_on=date(2026, 5, 1))
    RemedialAction.objects.create(
        ref="RA-1",
        safety_check=check,
        finding="other",
        description="Loose socket",
        risk=RiskLevel.HIGH,
        raised_on=date(2026, 5, 1),
        due_on=date(2026, 5, 15),
    )

    rows = {row["risk"]: row for row in queries.actions_ageing(on=ON)}

    assert list(rows) == list(RiskLevel)
    high = rows[RiskLevel.HIGH]
    assert (high["risk"].label, high["total"], high["overdue"]) == ("High", 1, 1)
