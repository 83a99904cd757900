"""Voids for tests: an open void on a fresh home, and helpers to pass its gates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hearth.estates.tests.factories import HomeFactory
from hearth.lettings import services
from hearth.lettings.models import Void


def make_void(
    *,
    end: date = date(2026, 3, 1),
    keys: date | None = date(2026, 3, 2),
    actor: Any = None,
    works_type: str = "minor",
    ref: str = "",
    home: Any = None,
    weekly_rent: str = "120.50",
    service_charge: str = "8.25",
) -> Void:
    home = home or HomeFactory(
        weekly_rent=Decimal(weekly_rent), weekly_service_charge=Decimal(service_charge)
    )
    return services.open_void(
        home=home,
        previous_tenancy_end=end,
        keys_returned_on=keys,
        actor=actor,
        owner=actor,
        works_type=works_type,
        ref=ref,
    )


def pass_gates(void: Void, *, starts_on: date, actor: Any) -> None:
    """Every safety gate and the Letting Standard passed for a tenancy starting `starts_on`."""
    services.record_safety_check(
        void=void,
        kind="gas",
        done_on=date(2026, 3, 4),
        outcome="satisfactory",
        certificate_ref="GSR-1",
        actor=actor,
    )
    services.record_safety_check(
        void=void,
        kind="electrical",
        done_on=date(2024, 5, 1),
        outcome="satisfactory",
        certificate_ref="EICR-9",
        actor=actor,
    )
    services.record_safety_check(
        void=void, kind="asbestos", done_on=date(2026, 3, 4), outcome="satisfactory", actor=actor
    )
    services.record_safety_check(
        void=void,
        kind="smoke_alarm",
        done_on=starts_on,
        outcome="satisfactory",
        every_storey=True,
        actor=actor,
    )
    services.record_safety_check(
        void=void, kind="co_alarm", done_on=starts_on, outcome="satisfactory", actor=actor
    )
    pass_letting_standard(void, on=date(2026, 3, 10), actor=actor)  # fmt: skip


def all_pass() -> dict[str, tuple[bool, str]]:
    from hearth.lettings.models import LettingSettings

    return dict.fromkeys(LettingSettings.current().checklist, (True, ""))


def pass_letting_standard(void: Void, *, on: date, actor: Any) -> None:
    services.record_letting_standard(void=void, inspected_on=on, results=all_pass(), actor=actor)


def accepted_applicant(void: Void, *, on: date, actor: Any, email: str = "new@example.org") -> Any:
    offer = services.add_to_shortlist(void=void, applicant_name="Nadia Newcomer", band="B",
                                      band_date=date(2024, 1, 15), bidding_number="1234567",
                                      email=email, actor=actor)  # fmt: skip
    services.offer_with_viewing(
        offer=offer, offered_on=on, viewing_on=on, reason="Top of the shortlist", actor=actor
    )
    return services.record_offer_answer(offer=offer, accepted=True, decided_on=on, actor=actor)
