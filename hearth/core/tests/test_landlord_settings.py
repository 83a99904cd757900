from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.core import measures, services
from hearth.core.models import Landlord
from hearth.core.timeline import events_for

pytestmark = pytest.mark.django_db


def test_settings_are_saved_tidied_and_recorded_on_the_landlords_timeline(
    admin_user: Any,
) -> None:
    services.update_landlord_settings(
        actor=admin_user,
        name="  Clapton Park   TMO ",
        phone="020 7946 0000",
        website="cpmo.example.org",
        address=" 1 Daubeney Road \n\n London \nE5 0EN",
    )

    landlord = Landlord.current()
    assert landlord.name == "Clapton Park TMO"
    assert landlord.website == "https://cpmo.example.org"
    assert landlord.address == "1 Daubeney Road\nLondon\nE5 0EN"
    event = events_for(landlord).get()
    assert event.summary == "Settings changed: name; phone number; postal address; website"
    assert event.actor == admin_user


def test_bad_settings_are_refused_each_with_its_own_message(admin_user: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.update_landlord_settings(
            actor=admin_user, name=" ", phone="call us", email="nope", website="not a site"
        )

    assert set(error.value.message_dict) == {"name", "phone", "email", "website"}
    assert Landlord.current().name == "Your landlord"


def test_a_target_overrides_the_specs_default_in_the_measures_report(admin_user: Any) -> None:
    services.update_landlord_settings(
        actor=admin_user, targets={"CH02.stage1": Decimal("95"), "rent.current_arrears": 2.5}
    )

    report = measures.report(date(2025, 4, 1), date(2026, 3, 31))
    targets = {m["id"]: m["target"] for m in report["measures"]}
    assert targets["CH02.stage1"] == 95.0
    assert targets["rent.current_arrears"] == 2.5
    assert targets["CH02.stage2"] == 100.0  # untouched: the spec's default
    summary = events_for(Landlord.current()).get().summary
    assert "target for CH02.stage1 from 100% to 95%" in summary


def test_an_empty_target_goes_back_to_the_default(admin_user: Any) -> None:
    services.update_landlord_settings(actor=admin_user, targets={"CH02.stage1": 90})

    services.update_landlord_settings(actor=admin_user, targets={"CH02.stage1": None})

    assert "CH02.stage1" not in Landlord.current().targets


@pytest.mark.parametrize(
    ("measure_id", "value"), [("CH02.stage1", 101), ("voids.average_relet_days", -1)]
)
def test_a_target_out_of_range_is_refused(admin_user: Any, measure_id: str, value: int) -> None:
    with pytest.raises(ValidationError) as error:
        services.update_landlord_settings(actor=admin_user, targets={measure_id: value})

    assert measure_id in error.value.message_dict
    assert Landlord.current().targets == {}


def test_a_rate_per_1000_homes_has_no_target_to_set(admin_user: Any) -> None:
    with pytest.raises(ValueError, match="not a measure with a target"):
        services.update_landlord_settings(actor=admin_user, targets={"CH01.stage1": 5})
